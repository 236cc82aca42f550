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
