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
    /// its report entry, which the pull reads as it stands then.
    func append(centre: String, _ change: Change) throws -> Int64 {
        try db.run("""
            INSERT INTO changes(centre, kind, epreuve, lot, candidate, field, value, author, hlc, conflict)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(centre), .text(change.kind.rawValue), .text(change.epreuve), .optional(change.lot),
                  .optional(change.candidate), .optional(change.field), .optional(change.value), .optional(change.author),
                  .optional(change.hlc?.description), change.conflict.map { .int($0.id) } ?? .null])
        return db.lastInsertRowID
    }
}
