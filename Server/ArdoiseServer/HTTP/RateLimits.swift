import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSupport

/// The limits a central server applies, per client address.
public struct RateLimits: Sendable {
    /// Failed enrolment attempts (a technician enrolling a room of PCs behind one address is not slowed).
    public var enrolment = RateLimiter.Rule(burst: 10, perMinute: 10)
    /// Requests refused for a missing or wrong token; past it the address's requests without a valid token
    /// get 429. A valid token is never refused for someone else's failures (lab PCs share an address).
    public var authFailures = RateLimiter.Rule(burst: 30, perMinute: 30)
    /// Who the client is: the TCP peer, or what a trusted reverse proxy says (`serve --trust-proxy`).
    public var clientAddress = ClientAddress()
    public init() {}
}

/// The rate limits as middleware of the central router, per client address.
struct CentralRateLimits: Sendable {
    let enrolment: RateLimiter
    let authFailures: RateLimiter
    let clientAddress: ClientAddress

    init(_ rules: RateLimits, clock: WallClock) {
        enrolment = RateLimiter(rules.enrolment, clock: clock)
        authFailures = RateLimiter(rules.authFailures, clock: clock)
        clientAddress = rules.clientAddress
    }

    /// Refuses, before anything else, a client that ran out of refused tokens or of failed enrolments,
    /// unless its request carries a valid token; the 429 says how long to wait, in its text and in
    /// Retry-After alike.
    func admission(authenticator: CentralAuthenticator) -> Middleware {
        { [enrolment, authFailures, clientAddress] request, next in
            let client = clientAddress.of(request)
            if let wait = authFailures.wait(client), !authenticator.hasValidToken(request) {
                return Self.tooMany("too many refused requests from \(client); try again in \(wait) s", wait: wait)
            }
            if request.path == WireVersion.prefix + "/enrol", let wait = enrolment.wait(client) {
                return Self.tooMany("too many failed enrolments from \(client); try again in \(wait) s", wait: wait)
            }
            return next(request)
        }
    }

    /// Logs and audits every refusal (401, 403, 429); a refused token uses up one of the client's tries.
    func refusals(audit: Audit, authenticator: CentralAuthenticator, log: @escaping @Sendable (String) -> Void) -> Middleware {
        { [authFailures, enrolment, clientAddress] request, next in
            let response = next(request)
            let status = response.status
            let client = clientAddress.of(request)
            // Only failed enrolments use up the address's tries (a head that passes answers status 0).
            if request.path == WireVersion.prefix + "/enrol", status >= 400, status != 429 { _ = enrolment.take(client) }
            guard status == 401 || status == 403 || status == 429 else { return response }
            let message = HTTPErrorMapping.message(of: response)
            // A path is the client's to choose: cut in the log as in the audit.
            let path = RefusalLog.cut(request.path)
            if status == 429 {
                log("refused \(request.method) \(path) from \(client): \(message)")
                audit.recordRefusal(actor: client, client: client, status: "429", detail: "\(request.method) \(path) 429: \(message)")
            } else {
                if status == 401 { _ = authFailures.take(client) }
                log("refused \(request.method) \(path) from \(client): \(message)")
                audit.recordRefusal(actor: authenticator.refusedActor(request), client: client, status: String(status),
                                    detail: "\(request.method) \(path) \(status) from \(client): \(message)")
            }
            return response
        }
    }

    private static func tooMany(_ message: String, wait: Int) -> HTTPResponse {
        var response = HTTPErrorMapping.body(429, message)
        response.headers.append((name: "Retry-After", value: String(wait)))
        return response
    }
}
