import ArdoiseProtocol
import ArdoiseSQLite

/// One candidate's evaluation sheet as the examiner's page shows it: the épreuve and its subjects,
/// the fields as the user sees them, and the open report entries of the sheet.
public struct SheetCard: Sendable {
    public var epreuve: Epreuve
    public var lot: String
    public var candidate: String
    public var fields: [String: String]
    public var pending: Bool
    public var status: SheetStatus
    public var conflicts: [ConflictRecord]

    /// The subject in force, when there is one.
    public var subject: Subject? { SheetRules.subjectCode(fields, epreuve).flatMap { epreuve.subject($0) } }
    public var disputed: Bool { conflicts.contains { $0.kind.disputes } }
}

/// A grade a coordinator harmonised (D16), as pulled: the new grade and who changed it how and why.
public struct HarmonisedGrade: Sendable, Equatable {
    public var epreuve: String
    public var candidate: String
    public var grade: String
    public var reason: String
}

/// What one examiner sees of this node: the lots of their groups, their candidates' sheets, and what a
/// coordinator changed on them. Reads only; every action goes through `Grading`.
public struct ExaminerDesk {
    let store: NodeStore

    public init(node: Node) { store = node.store }

    /// The lots of this centre whose examiner group holds `examiner`, in the reference's order.
    public func lots(of examiner: String) throws -> [LotReport] {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        try reference.require()
        let reports = NodeReports(store: store)
        return try reference.lots(centre: who.centre)
            .filter { try reference.members(ofGroup: $0.group).contains(examiner) }
            .map { try reports.lot($0.id) }
    }

    /// One of the examiner's lots, or the refusal naming it.
    public func lot(_ id: String, of examiner: String) throws -> LotReport {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        let lot = try reference.requireLot(id, centre: who.centre)
        guard try reference.members(ofGroup: lot.group).contains(examiner) else {
            throw NodeError.refused("lot \(id) is not a lot of examiner \(examiner)'s group")
        }
        return try NodeReports(store: store).lot(id)
    }

    /// A candidate's sheet in one of the examiner's lots.
    public func sheet(lot id: String, candidate: String, of examiner: String) throws -> SheetCard {
        let report = try lot(id, of: examiner)
        guard report.lines.contains(where: { $0.candidate == candidate }) else {
            throw NodeError.refused("candidate \(candidate) is not in lot \(id)")
        }
        let epreuve = try LocalReference(store: store).requireEpreuve(report.epreuve)
        let view = LocalView(store: store)
        let sheet = try view.sheet(epreuve: report.epreuve, candidate: candidate)
        return SheetCard(epreuve: epreuve, lot: id, candidate: candidate, fields: sheet.fields, pending: sheet.pending,
                         status: SheetRules.status(of: sheet.fields, in: epreuve),
                         conflicts: try view.openConflicts(epreuve: report.epreuve, candidate: candidate))
    }

    /// The épreuve of a lot (its subjects and barèmes), for printing a lot's sheets.
    public func epreuve(ofLot report: LotReport) throws -> Epreuve {
        try LocalReference(store: store).requireEpreuve(report.epreuve)
    }

    /// The harmonised grades of the candidates of the examiner's lots (D16), pulled as the fields
    /// `harmonised.grade` and `harmonised.reason`.
    public func harmonisations(of examiner: String) throws -> [HarmonisedGrade] {
        let mine = Set(try lots(of: examiner).flatMap { lot in lot.lines.map { "\(lot.epreuve)\u{0}\($0.candidate)" } })
        return try store.database.rows("""
            SELECT g.epreuve, g.candidate, g.value, r.value AS reason FROM srv_fields g
            LEFT JOIN srv_fields r ON r.epreuve = g.epreuve AND r.candidate = g.candidate AND r.field = ?
            WHERE g.field = ? AND g.value IS NOT NULL ORDER BY g.epreuve, g.candidate
            """, [.text(SheetField.harmonisedReason), .text(SheetField.harmonisedGrade)]).map {
            HarmonisedGrade(epreuve: try $0.string("epreuve"), candidate: try $0.string("candidate"),
                            grade: try $0.string("value"), reason: try $0.optionalString("reason") ?? "")
        }.filter { mine.contains("\($0.epreuve)\u{0}\($0.candidate)") }
    }
}
