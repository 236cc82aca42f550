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
            let entry = Entry(id: try row.int64("id"), at: try row.string("at"), actor: try row.string("actor"),
                              action: try row.string("action"), detail: try row.string("detail"))
            if entry.id != expectedID {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(expectedID) is missing")
            }
            let hash = hash(entry, previous: previous)
            if hash != (try row.string("hash")) {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(entry.id) was altered")
            }
            previous = hash
            expectedID += 1
            count += 1
        }
        return Verdict(entries: count, firstBroken: nil, problem: nil)
    }
}
