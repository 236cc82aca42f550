import ArdoiseProtocol

/// What the registration system (Cyclades) knows of a session, as one import reads it: centres,
/// épreuve-options with their parts, candidates with what they registered for, and where each sits.
/// School and division stay on the central server: nodes never pull them (D9).
public struct RegistrationData: Sendable, Equatable {
    public var session: String
    public var label: String
    public var academie: String
    public var centres: [RegistrationCentre]
    public var epreuves: [RegistrationEpreuve]
    public var candidates: [RegisteredCandidate]
    public var assignments: [Assignment]
}

/// The kinds of centre a registration file names.
public enum CentreKind: String, Sendable, CaseIterable {
    /// A school whose candidates sit elsewhere.
    case school = "etablissement"
    /// A school that is also an exam centre (candidates sit there, ECE labs are there).
    case examCentre = "centre_examen"
    case scanCentre = "centre_numerisation"
    case academie = "academie"

    /// Candidates can come from it.
    public var isSchool: Bool { self == .school || self == .examCentre }
}

public struct RegistrationCentre: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: CentreKind
}

/// A part of an épreuve corrected apart by its own profile of corrector (HLP: literature, philosophy).
public struct EpreuvePart: Sendable, Equatable {
    public var code: String
    public var label: String
    public var discipline: String
}

public struct RegistrationEpreuve: Sendable, Equatable {
    public var code: String
    public var label: String
    public var kind: EpreuveKind
    /// The exam's speciality as Imag'In shows it, e.g. `BCG - BACCALAUREAT GENERAL`.
    public var speciality: String
    public var parts: [EpreuvePart]
    /// Whether the registration system has finished assigning candidates (D2: INEC convocations wait for it).
    public var assignmentFinished: Bool
}

public struct RegisteredCandidate: Sendable, Equatable {
    public var number: String
    public var school: String
    public var division: String
    public var epreuves: [String]
    public var fraud: Bool
}

/// Where a candidate sits an épreuve, and for a written one which scan centre scans the copy.
public struct Assignment: Sendable, Equatable {
    public var candidate: String
    public var epreuve: String
    public var examCentre: String
    public var scanCentre: String?
}
