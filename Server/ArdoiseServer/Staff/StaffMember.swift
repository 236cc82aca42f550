/// A member of the académie's staff (an intervenant): who can be convoked on a mission.
public struct StaffMember: Codable, Sendable, Equatable {
    public var id: String
    public var lastName: String
    public var firstName: String
    /// The school's code (UAI), where a search by discipline finds them.
    public var school: String
    public var discipline: String
    /// The professional address, where convocations go first (D5).
    public var email: String

    public init(id: String, lastName: String, firstName: String, school: String, discipline: String, email: String) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.school = school
        self.discipline = discipline
        self.email = email
    }
}

/// One person a search found, and whether they start ticked for convocation: a search by discipline in
/// the school ticks everyone found, a search by name ticks no one (D4).
public struct StaffMatch: Codable, Sendable, Equatable {
    public var member: StaffMember
    public var selected: Bool
}

/// Who asks the staff directory: only the manager (gestionnaire) creates someone unknown (D4).
public enum StaffRequester: Sendable, Equatable {
    case manager
    /// A school or exam centre (its head), by code.
    case school(String)
}
