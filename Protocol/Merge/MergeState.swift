/// Everything of the central state that one operation touches, read before the decision so that the
/// decision itself reads nothing. The server reads it from its store; a node from its local copy.
public struct MergeState: Sendable {
    /// The centre of the node that submitted the operation.
    public var centre: String
    /// The lot the operation names, if it exists.
    public var lot: LotState?
    /// The examiners of that lot's group.
    public var members: Set<String>
    /// The lot's épreuve, with its subjects and barèmes.
    public var epreuve: Epreuve?
    /// The lot that holds the operation's candidate for the operation's épreuve.
    public var candidateLot: String?
    /// That lot and its group's examiners, when it is not the lot the operation names.
    public var currentLot: LotState?
    public var currentMembers: Set<String> = []
    /// Lots the candidate was reassigned from (D13): an operation naming one was made before its node
    /// learned of the move.
    public var movedFrom: Set<String> = []
    /// The candidate's sheet as it stands.
    public var sheet: [String: FieldState]
    /// For a lock: every candidate of the lot with their sheet values, in roll-call order.
    public var lotSheets: [(candidate: String, fields: [String: String])]
    /// For a lock: the lot's candidates with a disputed grade (an open conflict).
    public var disputedCandidates: Set<String> = []
    /// The sheet's open entries that dispute a field, by field: a new competing value joins its entry.
    public var openDisputes: [String: ConflictRecord] = [:]
    /// Whether the operation carries valid proof that its author knew their secret (ARCHITECTURE "Trust").
    /// Checked outside this module, which imports nothing but Foundation: the server computes the MAC
    /// with the key it keeps; a node signs the action itself after checking the secret, so it sets true.
    /// False until someone checked: an operation nobody checked is not authorised.
    public var proofValid = false
    /// D6, for an épreuve run from registrations: the mission whose convocation gives the right to grade
    /// the lot (`PRECE-ÉPREUVE-CENTRE`) and who is convoked on it. Nil when the registrations do not know
    /// the épreuve: the session file's groups alone decide.
    public var convocation: MissionConvocation?

    public init(centre: String, lot: LotState?, members: Set<String>, epreuve: Epreuve?, candidateLot: String?,
                sheet: [String: FieldState] = [:], lotSheets: [(candidate: String, fields: [String: String])] = []) {
        self.centre = centre
        self.lot = lot
        self.members = members
        self.epreuve = epreuve
        self.candidateLot = candidateLot
        self.sheet = sheet
        self.lotSheets = lotSheets
    }

    /// The lot the operation's sheet is in now: the candidate's new lot after a reassignment.
    public var sheetLot: LotState? {
        if let currentLot, candidateLot == currentLot.id { return currentLot }
        return lot
    }
}

/// Who is convoked on a mission: the access right to the correction of its épreuve (D6).
public struct MissionConvocation: Sendable, Equatable {
    public var mission: String
    public var staff: Set<String>
    public init(mission: String, staff: Set<String>) {
        self.mission = mission
        self.staff = staff
    }
}
