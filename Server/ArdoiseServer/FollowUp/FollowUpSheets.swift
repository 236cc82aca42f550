import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// One candidate's sheet as the follow-up counts it: where it stands, its subject, the corrector it is
/// attributed to and whether its grade is disputed. The candidate's number stays here (D9).
struct FollowUpSheet {
    let lot: LotSummary
    let subject: String?
    let status: SheetStatus
    let corrector: String?
    let disputed: Bool

    var isGraded: Bool { if case .graded = status { true } else { false } }
    var isAbsent: Bool { status == .absent }
    /// The grade that counts in statistics: graded and not disputed.
    var counted: Double? {
        guard case .graded(let score) = status, !disputed else { return nil }
        return score
    }
}

/// Reads the sheets of lots and the groups' members for the follow-up, over a connection the caller holds.
struct FollowUpSheets {
    let db: Database

    func sheets(of lots: [LotSummary]) throws -> [FollowUpSheet] {
        let reference = ReferenceTables(db: db)
        let fields = CentralSheets(db: db)
        var epreuves: [String: Epreuve] = [:]
        for epreuve in try reference.epreuves() { epreuves[epreuve.code] = epreuve }
        var disputed = Set<String>()
        for row in try db.rows("""
            SELECT DISTINCT epreuve, candidate FROM conflicts WHERE status = 'open' AND kind IN (\(ConflictLog.disputing))
            """) {
            disputed.insert(try row.string("epreuve") + "\u{0}" + (try row.optionalString("candidate") ?? ""))
        }
        var sheets: [FollowUpSheet] = []
        for lot in lots {
            guard let epreuve = epreuves[lot.epreuve] else { continue }
            for candidate in try reference.candidates(ofLot: lot.id) {
                let states = try fields.fieldStates(epreuve: lot.epreuve, candidate: candidate)
                let values = states.mapValues(\.value)
                sheets.append(FollowUpSheet(
                    lot: lot, subject: SheetRules.subjectCode(values, epreuve), status: SheetRules.status(of: values, in: epreuve),
                    corrector: SheetAttribution.corrector(of: states, in: epreuve),
                    disputed: disputed.contains(lot.epreuve + "\u{0}" + candidate)))
            }
        }
        return sheets
    }

    /// Each group's examiners, by group id.
    func groupMembers() throws -> [String: Set<String>] {
        var members: [String: Set<String>] = [:]
        for row in try db.rows("SELECT group_id, examiner FROM group_members") {
            members[try row.string("group_id"), default: []].insert(try row.string("examiner"))
        }
        return members
    }
}
