import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// What the correction side holds for each candidate of an épreuve, and whether it can be sent (D17): a
/// grade or AB of a locked lot, or held back (in an open lot, in no lot, disputed).
struct GradeToSend: Sendable, Equatable {
    enum Held: String, Sendable { case openLot = "in an open lot", noLot = "in no lot", disputed = "disputed" }

    var candidate: String
    var centre: String?
    /// "AB" or the grade in force with two decimals ("15.50"): the raw quarter points, or the harmonised grade.
    var value: String?
    var absent: Bool
    var held: Held?

    /// Every candidate of `epreuve` (at `centre` when given): those of its lots, and those the registrations
    /// assign to it who are in no lot yet.
    static func all(epreuve code: String, centre: String?, _ db: Database) throws -> [GradeToSend] {
        guard let epreuve = try ReferenceTables(db: db).epreuve(code) else { throw ServerError.notFound("unknown épreuve \(code)") }
        let conflicts = ConflictLog(db: db)
        let grades = SheetGrades(db: db)
        var found: [GradeToSend] = []
        var seen = Set<String>()
        for row in try db.rows("""
            SELECT lc.candidate, lc.lot, l.centre, l.status FROM lot_candidates lc JOIN lots l ON l.id = lc.lot
            WHERE lc.epreuve = ?1 AND (?2 IS NULL OR l.centre = ?2) ORDER BY lc.candidate
            """, [.text(code), centre.map { .text($0) } ?? .null]) {
            let candidate = try row.string("candidate")
            seen.insert(candidate)
            let sheet = try grades.grade(epreuve: epreuve, candidate: candidate, lot: try row.string("lot"), copy: 0)
            let absent = sheet.status == .absent
            var line = GradeToSend(candidate: candidate, centre: try row.string("centre"), value: absent ? "AB" : sheet.inForce?.description,
                                   absent: absent, held: nil)
            if !(try conflicts.openDisputes(epreuve: code, candidate: candidate)).isEmpty {
                line.held = .disputed
            } else if try row.string("status") != LotStatus.locked.rawValue || line.value == nil {
                line.held = .openLot
            }
            found.append(line)
        }
        for row in try db.rows("""
            SELECT candidate, exam_centre FROM registrations WHERE epreuve = ?1 AND (?2 IS NULL OR exam_centre = ?2) ORDER BY candidate
            """, [.text(code), centre.map { .text($0) } ?? .null]) where !seen.contains(try row.string("candidate")) {
            found.append(GradeToSend(candidate: try row.string("candidate"), centre: try row.optionalString("exam_centre"), value: nil,
                                     absent: false, held: .noLot))
        }
        return found.sorted { $0.candidate < $1.candidate }
    }
}
