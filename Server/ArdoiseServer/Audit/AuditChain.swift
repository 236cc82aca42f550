import ArdoiseSQLite
import ArdoiseSupport

/// The audit log as a hash chain: each entry's hash covers its fields, the head of the changes chain
/// when it was written (`ChangeChain`), and the previous entry's hash, so that an entry changed,
/// removed or inserted anywhere breaks every hash after it, and so does a grade changed behind it.
/// Entries are keyed (HMAC with `AuditKey`, kept outside the data folder), so that whoever edits the
/// database cannot recompute the chain; the keyed head in `meta` finds a log cut short.
public enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    struct Entry {
        var id: Int64
        var at: String
        var actor: String
        var action: String
        var detail: String
        /// The changes chain's head when the entry was written (nil on entries from before issue 8).
        var changesRev: Int64?
        var changesHash: String?
    }

    static func hash(_ entry: Entry, previous: String, key: AuditKey) -> String {
        // Unit separators keep field boundaries unambiguous. Entries from before issue 8 (no changes
        // head) were chained with SHA-256 alone.
        var fields = [previous, String(entry.id), entry.at, entry.actor, entry.action, entry.detail]
        guard let rev = entry.changesRev, let hash = entry.changesHash else {
            return Digest.sha256Hex(fields.joined(separator: "\u{1F}"))
        }
        fields += [String(rev), hash]
        return key.mac(fields.joined(separator: "\u{1F}"))
    }

    public struct Verdict: Sendable, Equatable {
        public var entries: Int
        /// The first entry whose hash does not follow, or nil when the chain is whole.
        public var firstBroken: Int64?
        public var problem: String?
        /// The last entry as `id:hash`, for a node or a person to witness.
        public var head: String?
    }

    static func verify(_ db: Database, key: AuditKey, witnesses: [String] = []) throws -> Verdict {
        var previous = genesis
        var expectedID: Int64 = 1
        var count = 0
        var heads: [(rev: Int64, hash: String)] = []
        var seen: [Int64: String] = [:]
        for row in try db.rows("SELECT id, at, actor, action, detail, hash, changes_rev, changes_hash FROM audit ORDER BY id") {
            let entry = Entry(id: try row.int64("id"), at: try row.string("at"), actor: try row.string("actor"),
                              action: try row.string("action"), detail: try row.string("detail"),
                              changesRev: try row.optionalInt64("changes_rev"), changesHash: try row.optionalString("changes_hash"))
            if entry.id != expectedID {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(expectedID) is missing")
            }
            let hash = hash(entry, previous: previous, key: key)
            if hash != (try row.string("hash")) {
                return Verdict(entries: count, firstBroken: entry.id, problem: "entry \(entry.id) was altered")
            }
            if let rev = entry.changesRev, rev > 0, let head = entry.changesHash { heads.append((rev, head)) }
            seen[entry.id] = hash
            previous = hash
            expectedID += 1
            count += 1
        }
        let head = count > 0 ? "\(count):\(previous)" : nil
        for witness in witnesses {
            let parts = witness.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[0]) else {
                return Verdict(entries: count, firstBroken: nil, problem: "witness '\(witness)' is not ID:HASH", head: head)
            }
            guard seen[id] == String(parts[1]) else {
                return Verdict(entries: count, firstBroken: id, problem: "entry \(id) is not the one a witness saw "
                    + "(the log was truncated or rewritten)", head: head)
            }
        }
        if let head, let keyed = try Meta(db: db).value("audit_head"), keyed != key.mac(head) {
            return Verdict(entries: count, firstBroken: nil, problem: "the log ends before its last entry (cut short)", head: head)
        }
        if let problem = try ChangeChain.problem(db, heads: heads) {
            return Verdict(entries: count, firstBroken: nil, problem: problem, head: head)
        }
        return Verdict(entries: count, firstBroken: nil, problem: nil, head: head)
    }
}
