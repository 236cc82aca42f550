/// Bodies of the correction workflow API (issue 10): harmonisation, validation, the registration side.

/// The harmonisation API's bodies (D15, D16): numbers travel as text ("1.5", "-0,75"), read by the
/// server at a hundredth of a point.
public struct HarmoniseRequest: Codable, Sendable, Equatable {
    /// A lot, with `copies` for part of it; or `epreuve` and `corrector` for a corrector's copies.
    public var lot: String?
    public var copies: [Int]?
    public var epreuve: String?
    public var corrector: String?
    /// Unit: the copy's new grade. Mass: `shift`, or `scale` with an optional `offset`.
    public var grade: String?
    public var shift: String?
    public var scale: String?
    public var offset: String?
    public var why: String

    public init(lot: String? = nil, copies: [Int]? = nil, epreuve: String? = nil, corrector: String? = nil, grade: String? = nil,
                shift: String? = nil, scale: String? = nil, offset: String? = nil, why: String) {
        self.lot = lot
        self.copies = copies
        self.epreuve = epreuve
        self.corrector = corrector
        self.grade = grade
        self.shift = shift
        self.scale = scale
        self.offset = offset
        self.why = why
    }
}

/// The manager sets an épreuve's harmonisation parameters; nil leaves one as it is.
public struct EpreuveSettingsRequest: Codable, Sendable {
    public var epreuve: String
    public var editByCoordinator: Bool?
    public var harmoniseInMass: Bool?
    public init(epreuve: String, editByCoordinator: Bool?, harmoniseInMass: Bool?) {
        self.epreuve = epreuve
        self.editByCoordinator = editByCoordinator
        self.harmoniseInMass = harmoniseInMass
    }
}

/// Validation of an épreuve's grades (D17), by the signed-in coordinator or the manager.
public struct ValidateRequest: Codable, Sendable {
    public var epreuve: String
    public init(epreuve: String) { self.epreuve = epreuve }
}

/// A grade entered by hand on the registration side (D18).
public struct RegistrationGradeRequest: Codable, Sendable {
    public var candidate: String
    public var epreuve: String
    public var value: String
    public init(candidate: String, epreuve: String, value: String) {
        self.candidate = candidate
        self.epreuve = epreuve
        self.value = value
    }
}

/// Closure of an épreuve at an exam centre (D20), by its referent or staff, or the manager.
public struct CloseRequest: Codable, Sendable {
    public var epreuve: String
    public var centre: String
    public init(epreuve: String, centre: String) {
        self.epreuve = epreuve
        self.centre = centre
    }
}
