import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// One node data folder: `node.sqlite` (local truth) and `ardoise.lock` (held while this object lives).
/// It keeps the connection; each capability (grading, sync, enrolment…) is its own type over it.
/// Not Sendable: one owner uses it at a time.
public final class NodeStore {
    public static let databaseName = "node.sqlite"

    public let folder: String
    let database: Database
    // Held for the life of the object: one process owns the database file (ARCHITECTURE "Scale").
    private let processLock: ProcessLock

    private init(folder: String, database: Database, processLock: ProcessLock) {
        self.folder = folder
        self.database = database
        self.processLock = processLock
    }

    /// Takes the folder's process lock (or throws `FolderInUse`), then opens and migrates its database.
    /// `create` makes the folder and the database when missing (enrolment); otherwise a folder without
    /// a database is refused.
    public static func open(folder: String, create: Bool = false) throws -> NodeStore {
        let files = FileManager.default
        guard create || files.fileExists(atPath: folder) else { throw notANodeFolder(folder) }
        try DataFolder.prepare(folder, create: create)
        let lock = try ProcessLock.take(folder: folder)
        let path = (folder as NSString).appendingPathComponent(databaseName)
        if !create && !files.fileExists(atPath: path) { throw notANodeFolder(folder) }
        let database = try Database(path: path)
        try DataFolder.restrictDatabase(path)
        try database.migrate(NodeSchema.migrations)
        try ReferenceTables.check(database)
        return NodeStore(folder: folder, database: database, processLock: lock)
    }

    static func notANodeFolder(_ folder: String) -> NodeError {
        NodeError(.notEnrolled, "no node data in \(folder)")
    }

    var config: NodeConfig { NodeConfig(db: database) }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String { try database.integrityCheck() }
}
