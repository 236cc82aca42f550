import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Maps `/v1/…` requests to the store. Node requests carry the node token; admin requests the token
/// the running server wrote for its owner. A refused request changes nothing.
struct CentralRoutes: Sendable {
    let store: CentralStore
    let adminTokenHash: String
    let log: @Sendable (String) -> Void
    let enrolmentLimit: RateLimiter
    let authFailureLimit: RateLimiter

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let client = Self.address(request.peer)
        do {
            if authFailureLimit.isExhausted(client) {
                throw ServerError(429, "too many refused requests from \(client); try again later")
            }
            if request.path == WireVersion.prefix + "/enrol", let wait = enrolmentLimit.take(client) {
                throw ServerError(429, "too many enrolment attempts from \(client); try again in \(wait) s")
            }
            return try route(request)
        } catch let error as ServerError {
            if error.status == 401 { _ = authFailureLimit.take(client) }
            if error.status == 429 {
                log("refused \(request.method) \(request.path) from \(client): \(error.message)")
                store.recordRefusal(actor: client, detail: "\(request.method) \(request.path) 429: \(error.message)")
                var response = Self.error(429, error.message)
                response.headers.append((name: "Retry-After", value: "60"))
                return response
            }
            if error.status == 401 || error.status == 403 {
                log("refused \(request.method) \(request.path): \(error.message)")
                store.recordRefusal(actor: refusedActor(request), detail: "\(request.method) \(request.path) \(error.status): \(error.message)")
            }
            return Self.error(error.status, error.message)
        } catch let error as DecodingError {
            return Self.error(400, "invalid body: \(JSONCoding.describe(error))")
        } catch let error as DatabaseError where error.isDiskProblem {
            log("storage error on \(request.path): \(error)")
            return Self.error(503, "server storage unavailable; try again later")
        } catch {
            log("internal error on \(request.method) \(request.path): \(error)")
            return Self.error(500, "internal error")
        }
    }

    /// The client's IP address without its port: the key of the rate limits.
    static func address(_ peer: String) -> String {
        guard let colon = peer.lastIndex(of: ":") else { return peer.isEmpty ? "local" : peer }
        return String(peer[..<colon])
    }

    static func error(_ status: Int, _ message: String) -> HTTPResponse {
        let body = (try? JSONCoding.encode(ErrorBody(error: message))) ?? Array("{}".utf8)
        return .json(status, body)
    }

    private func ok<T: Encodable>(_ value: T) throws -> HTTPResponse {
        .json(200, try JSONCoding.encode(value))
    }

    private func route(_ request: HTTPRequest) throws -> HTTPResponse {
        let prefix = WireVersion.prefix
        switch (request.method, request.path) {
        case ("GET", prefix + "/health"):
            return .json(200, Array("{\"status\":\"ok\"}".utf8))
        case ("POST", prefix + "/enrol"):
            let body = try JSONCoding.decode(EnrolRequest.self, from: request.body)
            let response = try store.enrol(code: body.code, label: body.label)
            log("enrolled node \(response.node) for centre \(response.centre)")
            return try ok(response)
        case ("GET", prefix + "/reference"):
            return try ok(try store.reference(centre: try node(request).centre))
        case ("POST", prefix + "/push"):
            let node = try node(request)
            let body = try JSONCoding.decode(PushRequest.self, from: request.body)
            return try ok(try store.push(node: node, operations: body.operations))
        case ("GET", prefix + "/pull"):
            let node = try node(request)
            let cursor = try integer(request, "cursor", default: 0)
            let limit = try integer(request, "limit", default: 500)
            return try ok(try store.pull(centre: node.centre, after: cursor, limit: Int(limit)))
        default:
            if request.path.hasPrefix(prefix + "/admin/") { return try admin(request) }
            if request.path.hasPrefix("/v") && !request.path.hasPrefix(prefix + "/") {
                throw ServerError.notFound("unsupported protocol version in \(request.path); this server speaks \(prefix)")
            }
            throw ServerError.notFound("no such endpoint: \(request.method) \(request.path)")
        }
    }

    private func admin(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let token = Self.bearer(request), Digest.sha256Hex(token) == adminTokenHash else {
            throw ServerError.unauthorised("admin token missing or invalid")
        }
        let prefix = WireVersion.prefix + "/admin"
        switch (request.method, request.path) {
        case ("GET", prefix + "/lots"):
            return try ok(try store.lotSummaries())
        case ("GET", prefix + "/nodes"):
            return try ok(try store.nodes())
        case ("GET", prefix + "/conflicts"):
            return try ok(try store.conflicts())
        case ("POST", prefix + "/unlock"):
            let body = try JSONCoding.decode(UnlockRequest.self, from: request.body)
            return try ok(AdminMessage(message: try store.unlock(lot: body.lot, by: body.by, why: body.why)))
        case ("POST", prefix + "/resolve"):
            let body = try JSONCoding.decode(ResolveRequest.self, from: request.body)
            return try ok(AdminMessage(message: try store.resolve(conflict: body.id, keep: body.keep, by: body.by)))
        case ("POST", prefix + "/credential"):
            let body = try JSONCoding.decode(CredentialRequest.self, from: request.body)
            return try ok(AdminMessage(message: try store.issueCredential(examiner: body.examiner)))
        case ("POST", prefix + "/revoke"):
            let body = try JSONCoding.decode(RevokeRequest.self, from: request.body)
            return try ok(AdminMessage(message: try store.revoke(node: body.node, by: "manager")))
        case ("POST", prefix + "/enrol-code"):
            let body = try JSONCoding.decode(EnrolCodeRequest.self, from: request.body)
            return try ok(try store.issueEnrolmentCode(centre: body.centre))
        default:
            throw ServerError.notFound("no such endpoint: \(request.method) \(request.path)")
        }
    }

    private func node(_ request: HTTPRequest) throws -> NodeIdentity {
        guard let token = Self.bearer(request) else { throw ServerError.unauthorised("missing node token") }
        guard let node = try store.authenticate(token: token) else {
            throw ServerError.unauthorised("invalid or revoked node token: enrol this node again")
        }
        return node
    }

    /// Who a refusal is recorded against: the node its token names, if any, else "anonymous".
    private func refusedActor(_ request: HTTPRequest) -> String {
        guard let token = Self.bearer(request), let node = try? store.identify(token: token) else { return "anonymous" }
        return node
    }

    static func bearer(_ request: HTTPRequest) -> String? {
        guard let value = request.header("Authorization"), value.hasPrefix("Bearer ") else { return nil }
        let token = value.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    private func integer(_ request: HTTPRequest, _ name: String, default fallback: Int64) throws -> Int64 {
        guard let text = request.query[name] else { return fallback }
        guard let value = Int64(text), value >= 0 else {
            throw ServerError.badRequest("query parameter \(name) must be a non-negative integer, got '\(text)'")
        }
        return value
    }
}
