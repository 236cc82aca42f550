import ArdoiseProtocol
import ArdoiseSQLite

/// Changes for the nodes of one centre, a page at a time.
public struct PullFeed: Sendable {
    let store: CentralStore

    /// The largest page a node may ask for.
    public static let maxPage = 2000
    /// A page stops before its changes reach this many bytes of JSON (the node takes up to 64 MiB): one
    /// change is bounded by `WireLimits` (a value of 2,000 bytes, identifiers of 64), so a page always
    /// holds at least one and every page fits whatever a node sent.
    public static let maxPageBytes = 4 << 20
    /// What a page holds besides its changes (cursor, flags, version), generously.
    static let envelopeBytes = 256

    /// Changes after `cursor`, at most `limit` and `maxPageBytes`. The next cursor is the last revision of the page, or, once the centre's
    /// changes are exhausted, the newest revision of all, so that a node never asks again for what other
    /// centres wrote.
    public func pull(centre: String, after cursor: Int64, limit: Int) throws -> PullResponse {
        let limit = max(1, min(limit, Self.maxPage))
        // A reader connection, in one read transaction: pulls never wait behind a merge, and the rows and
        // the newest revision come from the same commit (else a cursor could pass changes not yet seen).
        return try store.read { db in try db.snapshot {
            let rows = try db.rows("""
                SELECT c.rev, c.kind, c.epreuve, c.lot, c.candidate, c.field, c.value, c.author, c.hlc, k.body
                FROM changes c LEFT JOIN conflicts k ON k.id = c.conflict
                WHERE c.centre = ? AND c.rev > ? ORDER BY c.rev LIMIT ?
                """, [.text(centre), .int(cursor), .int(Int64(limit) + 1)])
            var more = rows.count > limit
            var changes: [Change] = []
            var bytes = 0
            for row in rows.prefix(limit) {
                guard let kind = Change.Kind(rawValue: try row.string("kind")) else { continue }
                let conflict = try row.optionalString("body")
                    .map { try JSONCoding.decode(ConflictRecord.self, from: Array($0.utf8)) }
                changes.append(Change(
                    rev: try row.int64("rev"), kind: kind, epreuve: try row.string("epreuve"), lot: try row.optionalString("lot"),
                    candidate: try row.optionalString("candidate"), field: try row.optionalString("field"),
                    value: try row.optionalString("value"), author: try row.optionalString("author"),
                    hlc: try row.optionalString("hlc").flatMap { HLC(text: $0) }, conflict: conflict))
                // Counted as it will be sent, with its comma; the page stops before the one that would not fit.
                bytes += try JSONCoding.encode(changes[changes.count - 1]).count + 1
                if bytes > Self.maxPageBytes - Self.envelopeBytes && changes.count > 1 {
                    changes.removeLast()
                    more = true
                    break
                }
            }
            let next = more ? (changes.last?.rev ?? cursor) : max(cursor, try ChangeLog(db: db).currentRevision())
            return PullResponse(changes: changes, cursor: next, more: more, referenceVersion: try Meta(db: db).referenceVersion(),
                                epoch: try Meta(db: db).epoch)
        } }
    }
}
