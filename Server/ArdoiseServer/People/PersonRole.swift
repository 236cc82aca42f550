import ArdoiseSQLite

/// What a person may be, read from the session file and the staff directory each time it is asked, so that
/// a change there counts at the next request. Minimal on purpose: the role × action × scope matrix is
/// issue 9 item 7; here a role only says where the person comes from.
public enum PersonRole: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A coordinator of the loaded session (its `coordinators`): unlocks lots, resolves conflicts.
    case coordinator
    /// An examiner of the loaded session, for their own view.
    case examiner
    /// A member of the académie's staff, at the school (UAI) the directory gives.
    case centre(String)

    public var description: String {
        switch self {
        case .coordinator: "coordinator"
        case .examiner: "examiner"
        case .centre(let school): "centre:\(school)"
        }
    }

    /// Every role of `person`; empty when nobody of that id is known.
    static func of(_ person: String, _ db: Database) throws -> [PersonRole] {
        var roles: [PersonRole] = []
        if try db.scalarText("SELECT id FROM coordinators WHERE id = ?", [.text(person)]) != nil { roles.append(.coordinator) }
        if try db.scalarText("SELECT id FROM examiners WHERE id = ?", [.text(person)]) != nil { roles.append(.examiner) }
        if let school = try db.scalarText("SELECT school FROM staff WHERE id = ?", [.text(person)]) { roles.append(.centre(school)) }
        return roles
    }
}
