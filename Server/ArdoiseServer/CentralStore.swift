import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// The central database of one académie: one SQLite file in the data folder, owned by this process
/// (ProcessLock) through one connection that every caller takes in turn.
public final class CentralStore: @unchecked Sendable {
    public static let fileName = "central.sqlite"

    public let folder: String
    private let database: Database
    private let lock = NSLock()
    private let processLock: ProcessLock
    /// The clock of central decisions (resolutions, unlocks).
    private var clock = HLC.zero

    /// Opens the store; refuses when another process holds the folder.
    public static func open(folder: String) throws -> CentralStore {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else if !isDirectory.boolValue {
            throw CLIError("\(folder) is not a folder")
        }
        guard let processLock = try ProcessLock.acquire(folder: folder) else {
            let pid = ProcessLock.holder(folder: folder) ?? "?"
            throw CLIError.retryLater("\(folder) is in use by process \(pid)",
                                      hint: "one process owns a data folder; stop it or use the running server")
        }
        let database = try Database(path: (folder as NSString).appendingPathComponent(fileName))
        try database.migrate(CentralSchema.migrations)
        return CentralStore(folder: folder, database: database, processLock: processLock)
    }

    private init(folder: String, database: Database, processLock: ProcessLock) {
        self.folder = folder
        self.database = database
        self.processLock = processLock
    }

    /// Runs `body` with the connection, alone.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(database)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, alone.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try withDatabase { db in try db.transaction { try body(db) } }
    }

    /// The next reading of the central clock (call inside `withDatabase`).
    func tick() -> HLC {
        clock = clock.tick(now: HLC.nowMillis())
        return clock
    }

    public func integrityCheck() throws -> String {
        try withDatabase { try $0.integrityCheck() }
    }
}

// Small helpers used inside transactions.
extension Database {
    func meta(_ key: String) throws -> String? {
        try scalarText("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    func setMeta(_ key: String, _ value: String) throws {
        try run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
    }

    /// The highest revision handed out so far.
    func currentRevision() throws -> Int64 {
        try scalarInt("SELECT seq FROM sqlite_sequence WHERE name = 'changes'") ?? 0
    }

    /// Appends a change for the nodes of `centre` and returns its revision. A conflict change points at
    /// its report entry, which the pull reads as it stands then.
    func appendChange(centre: String, _ change: Change) throws -> Int64 {
        try run("""
            INSERT INTO changes(centre, kind, epreuve, lot, candidate, field, value, author, hlc, conflict)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(centre), .text(change.kind.rawValue), .text(change.epreuve), .optional(change.lot),
                  .optional(change.candidate), .optional(change.field), .optional(change.value), .optional(change.author),
                  .optional(change.hlc?.description), change.conflict.map { .int($0.id) } ?? .null])
        return lastInsertRowID
    }

    /// Appends a central decision to the audit log, chained to the entry before it (AuditChain).
    func audit(actor: String, action: String, detail: String) throws {
        let previous = try row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        let entry = AuditChain.Entry(id: (previous?.integer(0) ?? 0) + 1, at: Date().formatted(.iso8601), actor: actor,
                                     action: action, detail: detail)
        try run("INSERT INTO audit(id, at, actor, action, detail, hash) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(entry.id), .text(entry.at), .text(actor), .text(action), .text(detail),
                 .text(AuditChain.hash(entry, previous: previous?.string(1) ?? AuditChain.genesis))])
    }
}
