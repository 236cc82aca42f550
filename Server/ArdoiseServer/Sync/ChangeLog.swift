import ArdoiseProtocol
import ArdoiseSQLite

/// What nodes pull: one row per central change, numbered by revision, for the nodes of one centre.
struct ChangeLog {
    let db: Database

    /// The highest revision handed out so far.
    func currentRevision() throws -> Int64 {
        try db.scalarInt("SELECT seq FROM sqlite_sequence WHERE name = 'changes'") ?? 0
    }

    /// Appends a change for the nodes of `centre` and returns its revision. A conflict change points at
    /// its report entry, which the pull reads as it stands then. Each change is chained to the one
    /// before it (`ChangeChain`), and the audit log records the chain's head: a grade changed behind
    /// the server's back is found by `check`.
    func append(centre: String, _ change: Change) throws -> Int64 {
        // One read gives both the chain's previous hash and the next revision: changes are never
        // deleted, so the newest row's revision is the sequence's.
        let previous = try db.row("SELECT rev, hash FROM changes ORDER BY rev DESC LIMIT 1")
        let rev = (try previous?.int64("rev") ?? 0) + 1
        let hlc = change.hlc?.description
        let row = ChangeChain.Row(rev: rev, centre: centre, kind: change.kind.rawValue, epreuve: change.epreuve,
                                  lot: change.lot, candidate: change.candidate, field: change.field, value: change.value,
                                  author: change.author, hlc: hlc, conflict: change.conflict?.id)
        let hash = ChangeChain.hash(row, previous: try previous?.optionalString("hash") ?? ChangeChain.genesis)
        try db.run("""
            INSERT INTO changes(rev, centre, kind, epreuve, lot, candidate, field, value, author, hlc, conflict, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(rev), .text(centre), .text(change.kind.rawValue), .text(change.epreuve), .optional(change.lot),
                  .optional(change.candidate), .optional(change.field), .optional(change.value), .optional(change.author),
                  .optional(hlc), change.conflict.map { .int($0.id) } ?? .null, .text(hash)])
        return rev
    }

    /// The newest change's revision and chain hash, which an audit entry records.
    func head() throws -> (rev: Int64, hash: String)? {
        guard let row = try db.row("SELECT rev, hash FROM changes WHERE hash IS NOT NULL ORDER BY rev DESC LIMIT 1") else {
            return nil
        }
        return (try row.int64("rev"), try row.string("hash"))
    }
}
