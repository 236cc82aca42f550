import ArdoiseHTTPServer
import ArdoiseSupport

/// Who a route is for; checked on every request before its handler runs.
enum CentralAccess: Sendable {
    /// Anyone (health, enrolment with a one-time code).
    case anyone
    /// An enrolled node with its token.
    case node
    /// The manager on the server machine, with the token the running server wrote in its data folder.
    case admin
    /// A person signed in with their personal secret (`POST /v1/sign-in`), with their session token.
    case person
}

/// Who made a request, once `CentralAccess` was checked.
enum Principal: Sendable {
    case anonymous
    case node(NodeIdentity)
    case admin
    /// A signed-in person: the actor of what the request does.
    case person(PersonIdentity, token: String)

    /// The node of a node route.
    var node: NodeIdentity {
        get throws {
            guard case .node(let node) = self else { throw ServerError.unauthorised("missing node token") }
            return node
        }
    }

    /// The person of a person route.
    var person: PersonIdentity {
        get throws {
            guard case .person(let person, _) = self else { throw ServerError.unauthorised("missing person session token") }
            return person
        }
    }
}

/// Checks a route's access against the request's bearer token.
struct CentralAuthenticator: Sendable {
    let authentication: NodeAuthentication
    let adminTokenHash: String
    let sessions: PersonSessions

    func check(_ access: CentralAccess, _ request: HTTPRequest) throws -> Principal {
        switch access {
        case .anyone:
            return .anonymous
        case .node:
            guard let token = Self.bearer(request) else { throw ServerError.unauthorised("missing node token") }
            guard let node = try authentication.authenticate(token: token) else {
                throw ServerError.unauthorised("invalid or revoked node token: enrol this node again")
            }
            return .node(node)
        case .admin:
            guard let token = Self.bearer(request), Digest.sha256Hex(token) == adminTokenHash else {
                throw ServerError.unauthorised("admin token missing or invalid")
            }
            return .admin
        case .person:
            guard let token = Self.bearer(request) else { throw ServerError.unauthorised("missing person session token: sign in") }
            guard let person = try sessions.authenticate(token: token) else {
                throw ServerError.unauthorised("person session unknown, expired or signed out: sign in again")
            }
            return .person(person, token: token)
        }
    }

    /// Whether the request carries a valid node, admin or person token (whatever route it asks for).
    func hasValidToken(_ request: HTTPRequest) -> Bool {
        guard let token = Self.bearer(request) else { return false }
        if Digest.sha256Hex(token) == adminTokenHash { return true }
        if (try? authentication.authenticate(token: token)) != nil { return true }
        return (try? sessions.authenticate(token: token)) != nil
    }

    /// Who a refusal is recorded against: the manager for the valid admin token, the node its token
    /// names (even a revoked one), the person of a live session (a coordinator check refused), else
    /// "anonymous".
    func refusedActor(_ request: HTTPRequest) -> String {
        guard let token = Self.bearer(request) else { return "anonymous" }
        if Digest.sha256Hex(token) == adminTokenHash { return "manager" }
        if let node = try? authentication.identify(token: token) { return node }
        return (try? sessions.authenticate(token: token))?.id ?? "anonymous"
    }

    static func bearer(_ request: HTTPRequest) -> String? {
        guard let value = request.header("Authorization"), value.hasPrefix("Bearer ") else { return nil }
        let token = value.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
