import ArdoiseSQLite
import ArdoiseSupport

/// The central changes (every field, lot status and report entry nodes pull) as a hash chain, and what
/// `check` verifies with it: the chain is whole, every audit entry's recorded head is on it, and the
/// sheets and lots as they stand are exactly what the changes say (issue 8 item 10).
enum ChangeChain {
    static let genesis = String(repeating: "0", count: 64)

    struct Row {
        var rev: Int64
        var centre: String
        var kind: String
        var epreuve: String
        var lot: String?
        var candidate: String?
        var field: String?
        var value: String?
        var author: String?
        var hlc: String?
        var conflict: Int64?
    }

    static func hash(_ row: Row, previous: String) -> String {
        // Unit separators keep field boundaries unambiguous; a missing value is not an empty one. Written
        // as bytes straight away (the same bytes as joining strings): one per field a merge writes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes.append(contentsOf: previous.utf8)
        for part in [String(row.rev), row.centre, row.kind, row.epreuve] {
            bytes.append(0x1F)
            bytes.append(contentsOf: part.utf8)
        }
        for part in [row.lot, row.candidate, row.field, row.value, row.author, row.hlc, row.conflict.map(String.init)] {
            bytes.append(0x1F)
            if let part {
                bytes.append(UInt8(ascii: "="))
                bytes.append(contentsOf: part.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        return Digest.hex(Digest.sha256(bytes))
    }

    /// The first problem found, or nil; `heads` are the (rev, hash) pairs the audit log recorded.
    static func problem(_ db: Database, heads: [(rev: Int64, hash: String)]) throws -> String? {
        var previous = genesis
        var hashes: [Int64: String] = [:]
        var fields: [String: (value: String?, rev: Int64)] = [:]
        var lots: [String: String] = [:]
        for row in try db.rows("""
            SELECT rev, centre, kind, epreuve, lot, candidate, field, value, author, hlc, conflict, hash FROM changes ORDER BY rev
            """) {
            let change = Row(rev: try row.int64("rev"), centre: try row.string("centre"), kind: try row.string("kind"),
                             epreuve: try row.string("epreuve"), lot: try row.optionalString("lot"),
                             candidate: try row.optionalString("candidate"), field: try row.optionalString("field"),
                             value: try row.optionalString("value"), author: try row.optionalString("author"),
                             hlc: try row.optionalString("hlc"), conflict: try row.optionalInt64("conflict"))
            if let stored = try row.optionalString("hash") {
                let hash = hash(change, previous: previous)
                guard hash == stored else { return "change \(change.rev) was altered" }
                hashes[change.rev] = hash
                previous = hash
            }
            if change.kind == "field", let candidate = change.candidate, let field = change.field {
                fields["\(change.epreuve)\u{1F}\(candidate)\u{1F}\(field)"] = (change.value, change.rev)
            } else if change.kind == "lot", let lot = change.lot, let value = change.value {
                lots[lot] = value
            }
        }
        for head in heads where hashes[head.rev] != head.hash {
            return "the changes up to revision \(head.rev) are not the ones the audit log recorded"
        }
        if let last = hashes.keys.max(), let covered = heads.map(\.rev).max(), last > covered {
            return "changes after revision \(covered) are in no audit entry"
        }
        var stored: [String: (value: String, rev: Int64)] = [:]
        for row in try db.rows("SELECT epreuve, candidate, field, value, rev FROM fields") {
            let key = "\(try row.string("epreuve"))\u{1F}\(try row.string("candidate"))\u{1F}\(try row.string("field"))"
            stored[key] = (try row.string("value"), try row.int64("rev"))
        }
        for (key, change) in fields {
            let now = stored.removeValue(forKey: key)
            guard now?.value == change.value, now == nil || now?.rev == change.rev else {
                return "a grade differs from what the changes say: \(key.replacingOccurrences(of: "\u{1F}", with: " "))"
            }
        }
        if let (key, _) = stored.first {
            return "a grade is in no change: \(key.replacingOccurrences(of: "\u{1F}", with: " "))"
        }
        for row in try db.rows("SELECT id, status FROM lots") where lots[try row.string("id")].map({ $0 != (try? row.string("status")) }) ?? false {
            return "lot \(try row.string("id"))'s status differs from what the changes say"
        }
        return nil
    }
}
