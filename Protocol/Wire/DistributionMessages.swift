/// Bodies of the distribution API (issue 10 item 2; D10, D13): examiner groups of an ECE épreuve at an exam
/// centre, the distribution of its candidates to them, and the moves a sick examiner calls for.

/// Creates a group, or replaces its members; without `group` a new one is numbered (`T011B-0690001A-G1`).
public struct GroupRequest: Codable, Sendable, Equatable {
    public var epreuve: String
    public var centre: String
    public var group: String?
    public var examiners: [String]
    public init(epreuve: String, centre: String, group: String? = nil, examiners: [String]) {
        self.epreuve = epreuve
        self.centre = centre
        self.group = group
        self.examiners = examiners
    }
}

/// A group as listed: its examiners and its lots with their sizes.
public struct GroupView: Codable, Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var examiners: [GroupMember]
    public var lots: [LotSize]
    public init(id: String, epreuve: String, centre: String, examiners: [GroupMember], lots: [LotSize]) {
        self.id = id
        self.epreuve = epreuve
        self.centre = centre
        self.examiners = examiners
        self.lots = lots
    }
}

public struct GroupMember: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public struct LotSize: Codable, Sendable, Equatable {
    public var lot: String
    public var group: String
    public var status: LotStatus
    public var candidates: Int
    public init(lot: String, group: String, status: LotStatus, candidates: Int) {
        self.lot = lot
        self.group = group
        self.status = status
        self.candidates = candidates
    }
}

/// Distributes the centre's candidates for the épreuve that are in no lot yet. Filters choose them by hand:
/// explicit `candidates`, or a class `division` of the registrations (used to choose, never sent on, D9).
/// With `group` every chosen candidate goes to that group's lot; without, they are shared out so that
/// the lots' sizes differ by at most one (`groups` limits which).
public struct DistributeRequest: Codable, Sendable, Equatable {
    public var epreuve: String
    public var centre: String
    public var group: String?
    public var groups: [String]?
    public var candidates: [String]?
    public var division: String?
    public init(epreuve: String, centre: String, group: String? = nil, groups: [String]? = nil,
                candidates: [String]? = nil, division: String? = nil) {
        self.epreuve = epreuve
        self.centre = centre
        self.group = group
        self.groups = groups
        self.candidates = candidates
        self.division = division
    }
}

/// Moves one candidate to another lot of the same épreuve and centre (D13).
public struct ReassignRequest: Codable, Sendable, Equatable {
    public var epreuve: String
    public var candidate: String
    public var lot: String
    public var why: String
    public init(epreuve: String, candidate: String, lot: String, why: String) {
        self.epreuve = epreuve
        self.candidate = candidate
        self.lot = lot
        self.why = why
    }
}

/// Shares a lot's remaining candidates (neither graded nor absent) among other groups' lots (D13).
public struct RedistributeRequest: Codable, Sendable, Equatable {
    public var lot: String
    public var groups: [String]?
    public var why: String
    public init(lot: String, groups: [String]? = nil, why: String) {
        self.lot = lot
        self.groups = groups
        self.why = why
    }
}

/// What a distribution, reassignment or redistribution did: each candidate placed or moved, and the lots
/// of the épreuve at the centre afterwards.
public struct DistributionResult: Codable, Sendable, Equatable {
    public var epreuve: String
    public var centre: String
    public var moves: [CandidateMove]
    public var lots: [LotSize]
    public var message: String
    public init(epreuve: String, centre: String, moves: [CandidateMove], lots: [LotSize], message: String) {
        self.epreuve = epreuve
        self.centre = centre
        self.moves = moves
        self.lots = lots
        self.message = message
    }
}

/// One candidate placed (`from` nil) or moved; `carried` when a grade or attendance went with them.
public struct CandidateMove: Codable, Sendable, Equatable {
    public var candidate: String
    public var from: String?
    public var to: String
    public var carried: Bool
    public init(candidate: String, from: String?, to: String, carried: Bool) {
        self.candidate = candidate
        self.from = from
        self.to = to
        self.carried = carried
    }
}
