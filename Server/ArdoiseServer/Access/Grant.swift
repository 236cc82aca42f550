/// A right a person holds, and where (README "Who may do what"). Read from convocations (D6) for the
/// épreuves run from registrations, from the session file for the others, and from the manager's naming
/// of a centre's staff.
public enum Grant: Sendable, Hashable, CustomStringConvertible {
    /// Coordinator of an épreuve across the académie: convoked `coordinateur` or `coordinateur adjoint` on
    /// its académie correction mission (ACECE), or named by the session file.
    case coordinator(epreuve: String)
    /// The centre's coordinator of an ECE épreuve (the establishment's référent, seed 002): convoked
    /// `coordinateur` or `coordinateur adjoint` on the centre's PRECE mission.
    case referent(epreuve: String, centre: String)
    /// The staff the manager named for an exam centre: the "centre épreuve" of seed 002.
    case centre(String)
    /// An examiner (corrector) of an épreuve at a centre: convoked on its PRECE mission (ECE) or its COEC
    /// mission at a scan centre (written), or in a group of the session file.
    case examiner(epreuve: String, centre: String)

    public var description: String {
        switch self {
        case .coordinator(let epreuve): "coordinator of \(epreuve)"
        case .referent(let epreuve, let centre): "referent of \(epreuve) at \(centre)"
        case .centre(let centre): "centre \(centre)"
        case .examiner(let epreuve, let centre): "examiner of \(epreuve) at \(centre)"
        }
    }

    /// Whether this grant allows `action` on the lots of `epreuve` at `centre`.
    public func allows(_ action: LotAction, epreuve: String, centre: String) -> Bool {
        switch self {
        case .coordinator(let mine):
            // Closing an ECE épreuve is the exam centre's (D20, seed 002).
            return mine == epreuve && action != .close
        case .referent(let mine, let place):
            return mine == epreuve && place == centre && action.isCentreAction
        case .centre(let place):
            return place == centre && action.isCentreAction
        case .examiner:
            // Examiners act through their lab PC, where the merge checks them operation by operation.
            return false
        }
    }
}

/// What can be done centrally on a lot or its report entries (D12, D13, D14; seed 002 "suivre la correction").
public enum LotAction: String, Sendable, CaseIterable {
    case follow, lock, unlock, listConflicts = "list conflicts", resolve, harmonise, validate, close
    /// Issue 10 item 2: build examiner groups and distribute candidates to them (D10); reassign one
    /// candidate or redistribute a lot's remaining ones (D13).
    case distribute, reassign
    case validateBareme = "validate a barème"
    case distributeWritten = "distribute written copies"

    /// The action in a refusal: "may not …  T011B at 0690001A".
    var phrase: String {
        switch self {
        case .follow: "follow the lots of"
        case .lock: "lock the lots of"
        case .unlock: "unlock the lots of"
        case .listConflicts: "list the conflicts of"
        case .resolve: "resolve the conflicts of"
        case .harmonise: "harmonise the grades of"
        case .validate: "validate the grades of"
        case .close: "close"
        case .distribute: "distribute the candidates of"
        case .reassign: "reassign the candidates of"
        case .validateBareme: "validate the barèmes of"
        case .distributeWritten: "distribute the copies of"
        }
    }

    /// Seed 002 gives following, locking and unlocking to the centre and its référent too, and closing to
    /// them alone; settling the report, harmonising (D15, D16) and validating (D17) are the coordinators'
    /// (and the manager's). The centre builds its groups and distributes (D10); D13 gives reassigning to
    /// coordinators, and the centre that distributed does it too when an examiner falls sick on the day.
    var isCentreAction: Bool {
        switch self {
        case .follow, .lock, .unlock, .close, .distribute, .reassign: true
        case .listConflicts, .resolve, .harmonise, .validate, .validateBareme, .distributeWritten: false
        }
    }
}
