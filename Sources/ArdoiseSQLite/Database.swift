import CSQLite
import Foundation

/// The C result code and message of a failed SQLite call (never the bound values).
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        let what = sql.map { " (in: \($0.prefix(80)))" } ?? ""
        return "SQLite error \(code): \(message)\(what)"
    }

    /// Disk full and I/O errors: the action can be retried once the disk is fixed.
    public var isDiskProblem: Bool {
        let primary = code & 0xff
        return primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN
    }
}

// SQLite copies the bytes before the call returns when told SQLITE_TRANSIENT (-1).
let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// SQLite's memory statistics off, once, before the first connection: they take a global mutex on
/// every allocation (measured: issue 12). A global is initialised once, thread-safely, on first use.
let memoryStatisticsOff: Int32 = ardoise_sqlite_memstatus_off()

/// One SQLite connection. Not Sendable: the owner serialises every use (STYLE: one writer connection).
public final class Database {
    let handle: OpaquePointer
    /// Statements of `run`, `rows` and `row`, prepared once per SQL text (the parser is most of the
    /// cost of a small statement).
    private var cache: [String: Statement] = [:]
    public let path: String

    /// Opens (creating if needed) a database in WAL mode with `synchronous=FULL`.
    public convenience init(path: String) throws {
        try self.init(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        try execute("PRAGMA foreign_keys = ON")
        let mode = try scalarText("PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            throw DatabaseError(code: SQLITE_ERROR, message: "WAL mode did not take effect (got \(mode ?? "nothing"))", sql: nil)
        }
        try execute("PRAGMA synchronous = FULL")
    }

    /// A read-only connection to a database in WAL mode that another connection of this process writes:
    /// it reads the last commit without waiting for the writer, never writes and never checkpoints,
    /// not even when it closes last (STYLE: one writer connection; Debian's SQLite 3.40 WAL-reset race).
    public static func reader(path: String) throws -> Database {
        let db = try Database(path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
        let rc = ardoise_sqlite_no_checkpoint_on_close(db.handle)
        guard rc == SQLITE_OK else { throw db.error(rc, nil) }
        let mode = try db.scalarText("PRAGMA journal_mode")
        guard mode == "wal" else {
            throw DatabaseError(code: SQLITE_ERROR, message: "a reader needs WAL mode (got \(mode ?? "nothing"))", sql: nil)
        }
        return db
    }

    private init(path: String, flags: Int32) throws {
        _ = memoryStatisticsOff
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw DatabaseError(code: rc, message: "\(message): \(path)", sql: nil)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    func error(_ rc: Int32, _ sql: String?) -> DatabaseError {
        DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements without parameters.
    public func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs one statement with parameters, stepping it to the end.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    private func cached(_ sql: String) throws -> Statement {
        if let statement = cache[sql] { return statement }
        let statement = try prepare(sql)
        if cache.count >= 256 { cache.removeAll() }
        cache[sql] = statement
        return statement
    }

    /// All rows of a query.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var result: [Row] = []
        while try statement.step() { result.append(statement.currentRow()) }
        return result
    }

    public func row(_ sql: String, _ values: [SQLValue] = []) throws -> Row? {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try statement.step() ? statement.currentRow() : nil
    }

    /// The first column of the first row as TEXT; nil when there is no row or the value is NULL.
    public func scalarText(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        guard let row = try row(sql, values), let name = row.columnNames.first else { return nil }
        return try row.optionalString(name)
    }

    /// The first column of the first row as INTEGER; nil when there is no row or the value is NULL.
    public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        guard let row = try row(sql, values), let name = row.columnNames.first else { return nil }
        return try row.optionalInt64(name)
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True between BEGIN (or an outermost SAVEPOINT) and its COMMIT or ROLLBACK.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
    /// Inside an open transaction it runs as a savepoint instead (a second BEGIN would fail), so a
    /// failure rolls back only `body`'s work and the outer transaction decides the rest.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        return try enclosed(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a deferred (read) transaction: every query in it sees the same commit.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try enclosed(begin: "BEGIN DEFERRED", body)
    }

    /// `begin`, then `body`, then COMMIT; ROLLBACK if it throws.
    private func enclosed<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Savepoints open through `savepoint`, for a name unique at each depth.
    private var savepointDepth = 0

    /// Runs `body` inside `SAVEPOINT`/`RELEASE`; if it throws, its work alone is rolled back and the
    /// error rethrown. Outside a transaction the savepoint is itself a deferred transaction: prefer
    /// `transaction` at the outermost level (it takes the write lock up front).
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "ardoise_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            // ROLLBACK TO keeps the savepoint open; RELEASE then closes it. Both can fail only when
            // SQLite already rolled the whole transaction back, which the caller's error reports.
            try? execute("ROLLBACK TO \(name); RELEASE \(name)")
            throw error
        }
    }

    /// Copies the whole database into a new file at `path` with SQLite's online backup API: a
    /// consistent snapshot taken through this connection, while it keeps serving between calls.
    public func backup(to path: String) throws {
        var destination: OpaquePointer?
        let rc = sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        defer { sqlite3_close(destination) }
        guard rc == SQLITE_OK, let destination else {
            let message = destination.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            throw DatabaseError(code: rc, message: "\(message): \(path)", sql: nil)
        }
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw DatabaseError(code: sqlite3_errcode(destination), message: String(cString: sqlite3_errmsg(destination)), sql: nil)
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw DatabaseError(code: step == SQLITE_DONE ? finish : step,
                                message: "backup to \(path) failed: \(String(cString: sqlite3_errmsg(destination)))", sql: nil)
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try rows("PRAGMA integrity_check").compactMap { try $0.optionalString("integrity_check") }.joined(separator: "; ")
    }

    /// Schema migrations by `PRAGMA user_version`: each script runs once, in order, in a transaction.
    public func migrate(_ scripts: [String]) throws {
        let version = Int(try scalarInt("PRAGMA user_version") ?? 0)
        guard version < scripts.count else { return }
        for index in version..<scripts.count {
            try transaction {
                try execute(scripts[index])
                try execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}
