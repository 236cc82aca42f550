import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Online backups of the central database (SQLite backup API), taken by the process that owns it, even
/// while it serves. Each copy gets a new epoch: if it is ever restored, the nodes see the change, pull
/// everything again and resend the operations it does not hold.
public struct Backup: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Writes a copy to `path`, which must not exist yet, and returns a line saying what was written.
    public func write(to path: String) throws -> String {
        guard path.hasPrefix("/") else { throw ServerError.badRequest("the backup file must be an absolute path, not '\(path)'") }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ServerError.conflict("\(path) already exists; a backup never overwrites a file")
        }
        // Audited first, so that the copy holds the entry that made it.
        try store.write { try AuditLog(db: $0, clock: clock, key: store.auditKey).append(actor: "manager", action: "backup", detail: "copy to \(path)") }
        try store.withDatabase { try $0.backup(to: path) }
        let copy = try Database(path: path)
        try copy.run("UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch'")
        try DataFolder.restrictDatabase(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return "backup written to \(path) (\(size / 1024) KiB)"
    }
}
