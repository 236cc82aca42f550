import ArdoiseSQLite
import ArdoiseSupport

/// Appends central decisions to the audit log, each chained to the entry before it (`AuditChain`), in
/// the caller's transaction.
struct AuditLog {
    let db: Database
    let clock: WallClock
    let key: AuditKey

    /// The last entry as `id:hash`, for the nodes to witness.
    static func head(_ db: Database) throws -> String? {
        try db.row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").map { "\(try $0.int64("id")):\(try $0.string("hash"))" }
    }

    func append(actor: String, action: String, detail: String) throws {
        let previous = try db.row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        let head = try ChangeLog(db: db).head()
        let entry = AuditChain.Entry(id: (try previous?.int64("id") ?? 0) + 1, at: clock.iso8601, actor: actor,
                                     action: action, detail: detail, changesRev: head?.rev ?? 0,
                                     changesHash: head?.hash ?? ChangeChain.genesis)
        let hash = AuditChain.hash(entry, previous: try previous?.string("hash") ?? AuditChain.genesis, key: key)
        try db.run("""
            INSERT INTO audit(id, at, actor, action, detail, hash, changes_rev, changes_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(entry.id), .text(entry.at), .text(actor), .text(action), .text(detail),
                  .text(hash), entry.changesRev.map { .int($0) } ?? .null, .optional(entry.changesHash)])
        // The head, keyed, outside the rows: a log cut short no longer matches it.
        try Meta(db: db).set("audit_head", key.mac("\(entry.id):\(hash)"))
    }
}

/// One entry of the audit log as it is read back.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var detail: String
}

/// The audit capability: verify the chain, read the log, record refused requests.
public struct Audit: Sendable {
    let store: CentralStore
    let clock: WallClock
    let refusals: RefusalLog

    /// Records a refused request (401, 403, 429), through the API or a command over the store: counted
    /// per client and minute (`RefusalLog`). A failure to record is left to the caller's log.
    public func recordRefusal(actor: String, client: String? = nil, status: String = "refused", detail: String) {
        let noted = refusals.note(client: client ?? actor, actor: actor, status: status, detail: detail, now: clock)
        write(noted.summaries + (noted.first.map { [$0] } ?? []))
    }

    /// Writes the counts still held (the server is stopping).
    public func flushRefusals() {
        write(refusals.flush())
    }

    private func write(_ entries: [(actor: String, detail: String)]) {
        guard !entries.isEmpty else { return }
        _ = try? store.write { db in
            for entry in entries {
                try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: entry.actor, action: "refused", detail: entry.detail)
            }
        }
    }

    /// Recomputes the audit chain from the first entry, checks the changes and the sheets against it,
    /// and that every witnessed head (`id:hash`, as nodes saw it) is still in the log.
    public func verify(witnesses: [String] = []) throws -> AuditChain.Verdict {
        try store.withDatabase { try AuditChain.verify($0, key: store.auditKey, witnesses: witnesses) }
    }

    /// The audit log, oldest first.
    public func entries() throws -> [AuditEntry] {
        try store.withDatabase { db in
            try db.rows("SELECT id, at, actor, action, detail FROM audit ORDER BY id").map {
                AuditEntry(id: try $0.int64("id"), at: try $0.string("at"), actor: try $0.string("actor"),
                           action: try $0.string("action"), detail: try $0.string("detail"))
            }
        }
    }
}
