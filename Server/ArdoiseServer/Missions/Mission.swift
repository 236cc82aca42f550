/// Mission types (DOMAIN glossary, D1). `ACECE` is the académie's correction mission of an ECE épreuve,
/// for its coordinators.
public enum MissionType: String, Codable, Sendable, CaseIterable {
    case coec = "COEC", inec = "INEC", prece = "PRECE", sscan = "SSCAN", academieECE = "ACECE"

    public var label: String {
        switch self {
        case .coec: return "correction de copies"
        case .inec: return "interrogation orale"
        case .prece: return "évaluation des compétences expérimentales"
        case .sscan: return "numérisation des copies"
        case .academieECE: return "correction ECE académique (coordination)"
        }
    }
}

/// A mission generated from registrations. Its id is made of what it is for, so generating again finds it
/// (`PRECE-T011B-0690001A`, `COEC-T009A-LITT-0691500S`, `SSCAN-0691500S`) and convocations can refer to it.
public struct Mission: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var type: MissionType
    public var epreuve: String?
    /// The épreuve's part (HLP literature or philosophy), corrected by its own profile.
    public var part: String?
    /// The scan centre (COEC, SSCAN), the exam centre (INEC, PRECE) or the académie (ACECE).
    public var centre: String

    public init(type: MissionType, epreuve: String?, part: String? = nil, centre: String) {
        self.type = type
        self.epreuve = epreuve
        self.part = part
        self.centre = centre
        id = ([type.rawValue] + [epreuve, part].compactMap { $0 } + [centre]).joined(separator: "-")
    }
}

/// A mission as listed: with its épreuve and centre in words and, for the épreuve, whether the
/// registration system has finished its assignment (D2 holds INEC convocations until it has).
public struct MissionListing: Codable, Sendable, Equatable {
    public var mission: Mission
    public var epreuveLabel: String?
    public var partLabel: String?
    public var centreName: String
    public var assignmentFinished: Bool?
    public var createdAt: String
}
