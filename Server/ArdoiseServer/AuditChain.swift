import ArdoiseSQLite
import ArdoiseSupport

/// The audit log as a hash chain: each entry's hash covers its fields and the previous entry's hash, so
/// an entry changed, removed or inserted anywhere breaks every hash after it.
public enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    struct Entry {
        var id: Int64
        var at: String
        var actor: String
        var action: String
        var detail: String
    }

    static func hash(_ entry: Entry, previous: String) -> String {
        // Unit separators keep field boundaries unambiguous.
        let fields = [previous, String(entry.id), entry.at, entry.actor, entry.action, entry.detail]
        return Digest.sha256Hex(fields.joined(separator: "\u{1F}"))
    }

    public struct Verdict: Sendable, Equatable {
        public var entries: Int
        /// The first entry whose hash does not follow, or nil when the chain is whole.
        public var firstBroken: Int64?
        public var problem: String?
    }

    static func verify(_ db: Database) throws -> Verdict {
        var previous = genesis
        var expectedID: Int64 = 1
        var count = 0
        for row in try db.rows("SELECT id, at, actor, action, detail, hash FROM audit ORDER BY id") {
            let entry = Entry(id: row.integer(0), at: row.string(1), actor: row.string(2), action: row.string(3),
                              detail: row.string(4))
            if entry.id != expectedID {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(expectedID) is missing")
            }
            let hash = hash(entry, previous: previous)
            if hash != row.string(5) {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(entry.id) was altered")
            }
            previous = hash
            expectedID += 1
            count += 1
        }
        return Verdict(entries: count, firstBroken: nil, problem: nil)
    }
}

extension CentralStore {
    /// Records a refused request (401, 403); a failure to record is logged by the caller's log only.
    func recordRefusal(actor: String, detail: String) {
        _ = try? write { try $0.audit(actor: actor, action: "refused", detail: detail) }
    }

    /// Recomputes the audit chain from the first entry.
    public func verifyAudit() throws -> AuditChain.Verdict {
        try withDatabase { try AuditChain.verify($0) }
    }

    /// The audit log, oldest first: (id, at, actor, action, detail).
    public func auditEntries() throws -> [(id: Int64, at: String, actor: String, action: String, detail: String)] {
        try withDatabase { db in
            try db.rows("SELECT id, at, actor, action, detail FROM audit ORDER BY id").map {
                (id: $0.integer(0), at: $0.string(1), actor: $0.string(2), action: $0.string(3), detail: $0.string(4))
            }
        }
    }
}
