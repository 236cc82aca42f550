import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// What a newer session file would change in what is already graded: barèmes with grades stay as they
/// are (D11), and candidates with a grade or an attendance move only as reassignments (D13).
struct SessionChanges {
    let db: Database
    let reference: ReferenceTables

    /// Refuses a file that changes or removes the barème of a subject that has grades.
    func requireFrozenBaremes(_ session: SessionFile) throws {
        for epreuve in session.epreuves {
            guard let stored = try reference.epreuve(epreuve.code) else { continue }
            for subject in stored.subjects where epreuve.subject(subject.code)?.bareme != subject.bareme {
                let graded = try grades(epreuve: epreuve.code, subject: subject.code)
                guard graded > 0 else { continue }
                throw ServerError.invalid("épreuve \(epreuve.code) subject \(subject.code): \(graded) grade\(graded == 1 ? "" : "s") "
                    + "depend\(graded == 1 ? "s" : "") on its barème, which is frozen (the file changes or removes it)")
            }
        }
    }

    /// Candidates with a grade or an attendance whose lot the file changes. One who would be left in no
    /// lot is refused: their grade would have nowhere to go.
    func moves(_ session: SessionFile) throws -> [Reassignments.Move] {
        var placed: [String: String] = [:]  // "épreuve/candidate" → lot in the file
        for lot in session.lots {
            for number in lot.candidates { placed["\(lot.epreuve)/\(number)"] = lot.id }
        }
        var moves: [Reassignments.Move] = []
        // Épreuves the file does not carry (written ones distributed centrally) keep their lots.
        let carried = Set(session.epreuves.map(\.code))
        for row in try db.rows("SELECT epreuve, candidate, lot FROM lot_candidates ORDER BY epreuve, lot, position") {
            let epreuve = try row.string("epreuve")
            guard carried.contains(epreuve) else { continue }
            let candidate = try row.string("candidate")
            let from = try row.string("lot")
            let to = placed["\(epreuve)/\(candidate)"]
            guard to != from, try hasEntries(epreuve: epreuve, candidate: candidate) else { continue }
            guard let to else {
                throw ServerError.invalid("candidate \(candidate) has a grade or an attendance for \(epreuve) in lot \(from) "
                    + "and is in no lot of the file")
            }
            moves.append(Reassignments.Move(epreuve: epreuve, candidate: candidate, from: from, to: to))
        }
        return moves
    }

    /// Records a move; when the new lot is at another centre, that centre's nodes get the sheet as it is.
    func reassign(_ move: Reassignments.Move, by actor: String, why: String, at: String) throws {
        try Reassignments(db: db).record(move, by: actor, why: why, at: at)
        let sheets = CentralSheets(db: db)
        guard let from = try sheets.lot(move.from), let to = try sheets.lot(move.to), from.centre != to.centre else { return }
        for (field, state) in try sheets.fieldStates(epreuve: move.epreuve, candidate: move.candidate).sorted(by: { $0.key < $1.key }) {
            try sheets.set(field, state.value, epreuve: move.epreuve, candidate: move.candidate, lot: move.to,
                           centre: to.centre, node: state.node, author: state.author, hlc: state.hlc)
        }
    }

    private func grades(epreuve: String, subject: String) throws -> Int {
        let prefix = SheetField.level(subject: subject, competency: "")
        return Int(try db.scalarInt("""
            SELECT count(DISTINCT candidate) FROM fields WHERE epreuve = ? AND substr(field, 1, ?) = ?
            """, [.text(epreuve), .int(Int64(prefix.unicodeScalars.count)), .text(prefix)]) ?? 0)
    }

    /// Every sheet with a grade or an attendance, as épreuve → candidates: what a registration import
    /// may not drop, and may move to another centre only as a reassignment.
    func sheetsWithEntries() throws -> [String: Set<String>] {
        var sheets: [String: Set<String>] = [:]
        for row in try db.rows("SELECT DISTINCT epreuve, candidate FROM fields") {
            sheets[try row.string("epreuve"), default: []].insert(try row.string("candidate"))
        }
        return sheets
    }

    /// The refusal of moves made without a reason, the same words for a session file and a registration import.
    static func reasonNeeded(_ moves: [String], what: String) -> ServerError {
        let listed = moves.prefix(5).joined(separator: ", ")
        return ServerError.invalid("\(moves.count) candidate\(moves.count == 1 ? "" : "s") with a grade or an attendance "
            + "change\(moves.count == 1 ? "s" : "") \(what) (\(listed)\(moves.count > 5 ? ", …" : "")): a reassignment needs a reason")
    }

    private func hasEntries(epreuve: String, candidate: String) throws -> Bool {
        try db.scalarInt("SELECT count(*) FROM fields WHERE epreuve = ? AND candidate = ?",
                         [.text(epreuve), .text(candidate)]) ?? 0 > 0
    }
}
