import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// The central database of one académie: one SQLite file in the data folder, owned by this process
/// (ProcessLock) through one connection that every caller takes in turn. It keeps the connection and
/// the transactions; each capability (enrolment, sync, merge, conflicts…) is its own type over it.
public final class CentralStore: @unchecked Sendable {
    public static let fileName = "central.sqlite"

    public let folder: String
    /// The audit chain's key, from outside the data folder.
    public let auditKey: AuditKey
    private let database: Database
    private let lock = NSLock()
    /// Idle reader connections (`Database.reader`), opened as needed: at most one per concurrent reader.
    private var readers: [Database] = []
    private let readersLock = NSLock()
    private static let idleReaders = 8
    private let processLock: ProcessLock

    /// Opens the store; throws `FolderInUse` when another process holds the folder. The audit key is
    /// read from `auditKey` (default `AuditKey.defaultPath`), outside the data folder.
    public static func open(folder: String, auditKey: String? = nil) throws -> CentralStore {
        try DataFolder.prepare(folder, create: true)
        let processLock = try ProcessLock.take(folder: folder)
        let path = (folder as NSString).appendingPathComponent(fileName)
        let database = try Database(path: path)
        try DataFolder.restrictDatabase(path)
        try database.migrate(CentralSchema.migrations)
        try ReferenceTables.check(database)
        let key = try AuditKey.load(path: auditKey ?? AuditKey.defaultPath, dataFolder: folder)
        return CentralStore(folder: folder, database: database, processLock: processLock, auditKey: key)
    }

    private init(folder: String, database: Database, processLock: ProcessLock, auditKey: AuditKey) {
        self.folder = folder
        self.auditKey = auditKey
        self.database = database
        self.processLock = processLock
    }

    /// Readers close before the writer: the last connection to close is the one that may checkpoint.
    deinit {
        readersLock.lock()
        readers.removeAll()
        readersLock.unlock()
    }

    /// Runs `body` on a reader connection: it sees the last commit and never waits for the writer or
    /// its lock. Wrap several queries in `db.snapshot` to see them all at one commit.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        readersLock.lock()
        let idle = readers.popLast()
        readersLock.unlock()
        let db = try idle ?? Database.reader(path: database.path)
        defer {
            readersLock.lock()
            if readers.count < Self.idleReaders { readers.append(db) }
            readersLock.unlock()
        }
        return try body(db)
    }

    /// Runs `body` with the connection, alone.
    public func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(database)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, alone.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try withDatabase { db in try db.transaction { try body(db) } }
    }

    public func integrityCheck() throws -> String {
        try withDatabase { try $0.integrityCheck() }
    }
}
