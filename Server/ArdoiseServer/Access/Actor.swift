/// Who acts centrally: the manager with the admin token on the server machine, or a signed-in person.
/// Never a name typed by someone else (issue 9 item 6).
public enum Actor: Sendable, Equatable, CustomStringConvertible {
    case manager
    case person(String)

    /// The name the audit records.
    public var description: String {
        switch self {
        case .manager: "manager"
        case .person(let id): id
        }
    }
}
