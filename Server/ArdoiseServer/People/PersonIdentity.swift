/// Who a person session belongs to, once its token was checked.
public struct PersonIdentity: Sendable, Equatable {
    public let id: String
    public let roles: [PersonRole]
}
