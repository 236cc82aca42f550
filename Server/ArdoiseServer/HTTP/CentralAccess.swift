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
}

/// Who made a request, once `CentralAccess` was checked.
enum Principal: Sendable {
    case anonymous
    case node(NodeIdentity)
    case admin

    /// The node of a node route.
    var node: NodeIdentity {
        get throws {
            guard case .node(let node) = self else { throw ServerError.unauthorised("missing node token") }
            return node
        }
    }
}

/// Checks a route's access against the request's bearer token.
struct CentralAuthenticator: Sendable {
    let authentication: NodeAuthentication
    let adminTokenHash: String

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
        }
    }

    /// Whether the request carries a valid node or admin token (whatever route it asks for).
    func hasValidToken(_ request: HTTPRequest) -> Bool {
        guard let token = Self.bearer(request) else { return false }
        if Digest.sha256Hex(token) == adminTokenHash { return true }
        return (try? authentication.authenticate(token: token)) != nil
    }

    /// Who a refusal is recorded against: the manager for the valid admin token (a refused unlock or
    /// resolve is theirs), the node its token names, even a revoked one, else "anonymous".
    func refusedActor(_ request: HTTPRequest) -> String {
        guard let token = Self.bearer(request) else { return "anonymous" }
        if Digest.sha256Hex(token) == adminTokenHash { return "manager" }
        return (try? authentication.identify(token: token)) ?? "anonymous"
    }

    static func bearer(_ request: HTTPRequest) -> String? {
        guard let value = request.header("Authorization"), value.hasPrefix("Bearer ") else { return nil }
        let token = value.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
