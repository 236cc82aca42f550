import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// One node data folder: `node.sqlite` (local truth) and `ardoise.lock` (held while this object lives).
/// Every user action is one transaction that validates, appends to the outbox and commits before
/// anything is reported as done. Not Sendable: one owner uses it at a time.
public final class Node {
    public let folder: String
    let database: Database
    // Held for the life of the object: one process owns the database file (ARCHITECTURE "Scale").
    private let processLock: ProcessLock

    public static let databaseName = "node.sqlite"

    private init(folder: String, database: Database, processLock: ProcessLock) {
        self.folder = folder
        self.database = database
        self.processLock = processLock
    }

    /// Takes the folder's process lock, then opens (and migrates) its database. `create` makes the folder
    /// and the database when missing (enrolment); otherwise a folder without a database is refused.
    public static func open(folder: String, create: Bool = false) throws -> Node {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if !files.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard create else { throw notANodeFolder(folder) }
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                          attributes: [.posixPermissions: 0o700])
            } catch {
                throw CLIError("cannot create \(folder): \(error.localizedDescription)")
            }
        } else if !isFolder.boolValue {
            throw CLIError("\(folder) is not a folder")
        }
        guard let lock = try ProcessLock.acquire(folder: folder) else {
            let pid = ProcessLock.holder(folder: folder).flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            throw CLIError.retryLater("\(folder) is in use by process \(pid)",
                                      hint: "wait for it to finish, then try again")
        }
        let path = (folder as NSString).appendingPathComponent(databaseName)
        if !create && !files.fileExists(atPath: path) { throw notANodeFolder(folder) }
        let database = try Database(path: path)
        try database.migrate(NodeSchema.migrations)
        return Node(folder: folder, database: database, processLock: lock)
    }

    private static func notANodeFolder(_ folder: String) -> CLIError {
        CLIError("no node data in \(folder)",
                 hint: "enrol this node first: ardoise enrol --data \(folder) --server URL --code CODE")
    }

    // MARK: config

    func config(_ key: String) throws -> String? {
        try database.scalarText("SELECT value FROM config WHERE key = ?", [.text(key)])
    }

    func configInt(_ key: String) throws -> Int64 {
        try config(key).flatMap { Int64($0) } ?? 0
    }

    func setConfig(_ key: String, _ value: String) throws {
        try database.run("INSERT INTO config(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         [.text(key), .text(value)])
    }

    func setConfig(_ key: String, _ value: Int64) throws {
        try setConfig(key, String(value))
    }

    /// The enrolment, or the error that tells the user to enrol.
    func enrolment() throws -> Enrolment {
        guard let node = try config(ConfigKey.node), let token = try config(ConfigKey.token),
              let server = try config(ConfigKey.server), let centre = try config(ConfigKey.centre) else {
            throw Node.notANodeFolder(folder)
        }
        return Enrolment(node: node, token: token, server: server, centre: centre,
                         session: try config(ConfigKey.session) ?? "")
    }

    /// The stored clock advanced past the local wall clock and stored (call inside the transaction).
    func nextClock() throws -> HLC {
        let stored = try config(ConfigKey.hlc).flatMap { HLC(text: $0) } ?? .zero
        let next = stored.tick(now: HLC.nowMillis())
        try setConfig(ConfigKey.hlc, next.description)
        return next
    }

    /// Folds a clock seen from the server into the stored one (call inside the transaction).
    func observeClock(_ other: HLC) throws {
        let stored = try config(ConfigKey.hlc).flatMap { HLC(text: $0) } ?? .zero
        let next = stored.observe(other)
        if next != stored { try setConfig(ConfigKey.hlc, next.description) }
    }
}

/// Who this node is for the server.
struct Enrolment {
    var node: String
    var token: String
    var server: String
    var centre: String
    var session: String
}
