import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// A sheet's grade as it stands centrally: raw from its levels and barème (D11), harmonised beside it
/// (D15, D16). The grade in force, the one transmitted, is the harmonised one when there is one.
public struct SheetGrade: Sendable, Equatable {
    public var candidate: String
    public var lot: String
    /// The copy's place in its lot's roll call, from 1: how a coordinator names it without its number (D15).
    public var copy: Int
    public var status: SheetStatus
    /// The barème's total, for a graded sheet.
    public var raw: GradePoints?
    public var harmonised: GradePoints?
    /// The sheet's corrector (`SheetAttribution`, as the follow-up counts it).
    public var corrector: String?

    public var inForce: GradePoints? { harmonised ?? raw }
}

/// Reads sheets' grades, over a connection its owner serialises.
struct SheetGrades {
    let db: Database

    /// The copies of a lot in roll-call order.
    func lot(_ lot: String, epreuve: Epreuve) throws -> [SheetGrade] {
        try ReferenceTables(db: db).candidates(ofLot: lot).enumerated().map { index, candidate in
            try grade(epreuve: epreuve, candidate: candidate, lot: lot, copy: index + 1)
        }
    }

    func grade(epreuve: Epreuve, candidate: String, lot: String, copy: Int) throws -> SheetGrade {
        let fields = try CentralSheets(db: db).fieldStates(epreuve: epreuve.code, candidate: candidate)
        let values = fields.mapValues(\.value)
        let status = SheetRules.status(of: values, in: epreuve)
        var raw: GradePoints?
        if case .graded(let score) = status { raw = GradePoints(points: score) }
        let harmonised = values[SheetField.harmonisedGrade].flatMap(GradePoints.init(parsing:))
        return SheetGrade(candidate: candidate, lot: lot, copy: copy, status: status, raw: raw, harmonised: harmonised,
                          corrector: SheetAttribution.corrector(of: fields, in: epreuve))
    }
}
