/// Who a person session belongs to, once its token was checked, with the rights they hold now.
public struct PersonIdentity: Sendable, Equatable {
    public let id: String
    public let grants: [Grant]

    public var actor: Actor { .person(id) }
}
