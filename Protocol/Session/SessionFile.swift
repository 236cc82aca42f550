/// The session file a central manager loads (README "Session file"): centres, épreuves with subjects
/// and barèmes, examiners, groups, candidates (anonymous numbers) and lots.
public struct SessionFile: Codable, Sendable, Equatable {
    public static let format = "ardoise-session/1"

    public var format: String
    public var session: String
    public var academie: String
    public var centres: [Centre]
    public var epreuves: [Epreuve]
    public var examiners: [Examiner]
    public var coordinators: [Coordinator]
    public var groups: [ExaminerGroup]
    public var candidates: [Candidate]
    public var lots: [Lot]

    public init(format: String = SessionFile.format, session: String, academie: String, centres: [Centre],
                epreuves: [Epreuve], examiners: [Examiner], coordinators: [Coordinator],
                groups: [ExaminerGroup], candidates: [Candidate], lots: [Lot]) {
        self.format = format
        self.session = session
        self.academie = academie
        self.centres = centres
        self.epreuves = epreuves
        self.examiners = examiners
        self.coordinators = coordinators
        self.groups = groups
        self.candidates = candidates
        self.lots = lots
    }
}

public struct Centre: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

public struct Examiner: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var centre: String
    public init(id: String, name: String, centre: String) {
        self.id = id
        self.name = name
        self.centre = centre
    }
}

/// A coordinator named by the file, for the épreuves it lists (every épreuve of the file when it lists
/// none). An épreuve run from registrations takes its coordinators from the académie's correction
/// mission instead (D6): the file's word counts only for the épreuves the registrations do not know.
public struct Coordinator: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var epreuves: [String]?
    public init(id: String, name: String, epreuves: [String]? = nil) {
        self.id = id
        self.name = name
        self.epreuves = epreuves
    }
}

/// ECE is shared correction: candidates go to a group of examiners, not to one (D10).
public struct ExaminerGroup: Codable, Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var examiners: [String]
    public init(id: String, epreuve: String, centre: String, examiners: [String]) {
        self.id = id
        self.epreuve = epreuve
        self.centre = centre
        self.examiners = examiners
    }
}

public struct Candidate: Codable, Sendable, Equatable {
    public var number: String
    public var centre: String
    public var epreuves: [String]
    public init(number: String, centre: String, epreuves: [String]) {
        self.number = number
        self.centre = centre
        self.epreuves = epreuves
    }
}

/// A lot: candidates of one épreuve and centre given to one examiner group.
public struct Lot: Codable, Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var group: String
    public var candidates: [String]
    public init(id: String, epreuve: String, centre: String, group: String, candidates: [String]) {
        self.id = id
        self.epreuve = epreuve
        self.centre = centre
        self.group = group
        self.candidates = candidates
    }
}
