import ArdoiseSQLite

/// Candidates moved from one lot to another (D13), each with who, when and why. The grade stays with the
/// candidate: sheets are keyed by épreuve and candidate, not by lot.
struct Reassignments {
    let db: Database

    struct Move: Equatable {
        var epreuve: String
        var candidate: String
        var from: String
        var to: String
    }

    func record(_ move: Move, by actor: String, why: String, at: String) throws {
        try db.run("""
            INSERT INTO reassignments(epreuve, candidate, from_lot, to_lot, by, why, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(move.epreuve), .text(move.candidate), .text(move.from), .text(move.to), .text(actor), .text(why),
                  .text(at)])
    }

    /// The lots a candidate was moved from, for an épreuve.
    func formerLots(epreuve: String, candidate: String) throws -> Set<String> {
        Set(try db.rows("SELECT from_lot FROM reassignments WHERE epreuve = ? AND candidate = ?",
                        [.text(epreuve), .text(candidate)]).map { try $0.string("from_lot") })
    }
}
