/// Bodies of the admin API (`/v1/admin/…`), used by `ardoise-server` commands while the server runs.
public struct EnrolCodeRequest: Codable, Sendable {
    public var centre: String
    public init(centre: String) { self.centre = centre }
}

public struct EnrolCodeResponse: Codable, Sendable {
    public var code: String
    public var centre: String
    public var expires: String
    public init(code: String, centre: String, expires: String) {
        self.code = code
        self.centre = centre
        self.expires = expires
    }
}

public struct LotSummary: Codable, Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var group: String
    public var status: LotStatus
    public var candidates: Int
    public var done: Int
    public var disputed: Int
    public init(id: String, epreuve: String, centre: String, group: String, status: LotStatus, candidates: Int,
                done: Int, disputed: Int) {
        self.id = id
        self.epreuve = epreuve
        self.centre = centre
        self.group = group
        self.status = status
        self.candidates = candidates
        self.done = done
        self.disputed = disputed
    }
}

/// A one-line text answer from an admin action.
public struct AdminMessage: Codable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

public struct RevokeRequest: Codable, Sendable {
    public var node: String
    public init(node: String) { self.node = node }
}

public struct BackupRequest: Codable, Sendable {
    /// An absolute path the server process writes the copy to.
    public var file: String
    public init(file: String) { self.file = file }
}

public struct CredentialRequest: Codable, Sendable {
    public var examiner: String
    public init(examiner: String) { self.examiner = examiner }
}

/// A person's personal secret, issued by the manager (`ardoise-server person secret`).
public struct PersonSecretRequest: Codable, Sendable {
    public var person: String
    public init(person: String) { self.person = person }
}
