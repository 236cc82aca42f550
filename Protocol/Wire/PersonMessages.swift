/// Bodies of the person API: sign-in with a personal secret, then `/v1/people/…` with the session token.
public struct SignInRequest: Codable, Sendable {
    public var person: String
    public var secret: String
    public init(person: String, secret: String) {
        self.person = person
        self.secret = secret
    }
}

public struct SignInResponse: Codable, Sendable {
    public var person: String
    /// The session token, shown once: the server keeps only its hash.
    public var token: String
    /// When the session ends (ISO 8601, UTC).
    public var expires: String
    /// The person's rights as the server reads them (`coordinator of T011B`, `centre 0690001A`…).
    public var roles: [String]
    public init(person: String, token: String, expires: String, roles: [String]) {
        self.person = person
        self.token = token
        self.expires = expires
        self.roles = roles
    }
}

/// Who a session token belongs to (`GET /v1/people/me`).
public struct PersonView: Codable, Sendable {
    public var person: String
    public var roles: [String]
    public init(person: String, roles: [String]) {
        self.person = person
        self.roles = roles
    }
}

/// The person API's lock or unlock of a lot, with the reason: the actor is the signed-in person, never a
/// name in the body.
public struct LotActionRequest: Codable, Sendable {
    public var lot: String
    public var why: String
    public init(lot: String, why: String) {
        self.lot = lot
        self.why = why
    }
}

/// The person API's resolution of a conflict, by the signed-in coordinator.
public struct ResolveRequest: Codable, Sendable {
    public var id: Int64
    /// `server`, `node`, or a value to set.
    public var keep: String
    /// The field's current value, when it changed since the entry: the decision starts from it.
    public var from: String?
    public init(id: Int64, keep: String, from: String? = nil) {
        self.id = id
        self.keep = keep
        self.from = from
    }
}
