import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSupport

/// The limits a central server applies, per client address.
public struct RateLimits: Sendable {
    /// Enrolment attempts, successful or not.
    public var enrolment = RateLimiter.Rule(burst: 10, perMinute: 10)
    /// Requests refused for a missing or wrong token; past it every request from the address gets 429.
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

    /// Refuses, before anything else, a client that ran out of refused tokens, and counts enrolment attempts.
    var admission: Middleware {
        { [enrolment, authFailures, clientAddress] request, next in
            let client = clientAddress.of(request)
            if authFailures.isExhausted(client) {
                return Self.tooMany("too many refused requests from \(client); try again later")
            }
            if request.path == WireVersion.prefix + "/enrol", let wait = enrolment.take(client) {
                return Self.tooMany("too many enrolment attempts from \(client); try again in \(wait) s")
            }
            return next(request)
        }
    }

    /// Logs and audits every refusal (401, 403, 429); a refused token uses up one of the client's tries.
    func refusals(audit: Audit, authenticator: CentralAuthenticator, log: @escaping @Sendable (String) -> Void) -> Middleware {
        { [authFailures, clientAddress] request, next in
            let response = next(request)
            let status = response.status
            guard status == 401 || status == 403 || status == 429 else { return response }
            let client = clientAddress.of(request)
            let message = HTTPErrorMapping.message(of: response)
            if status == 429 {
                log("refused \(request.method) \(request.path) from \(client): \(message)")
                audit.recordRefusal(actor: client, detail: "\(request.method) \(request.path) 429: \(message)")
            } else {
                if status == 401 { _ = authFailures.take(client) }
                log("refused \(request.method) \(request.path) from \(client): \(message)")
                audit.recordRefusal(actor: authenticator.refusedActor(request),
                                    detail: "\(request.method) \(request.path) \(status) from \(client): \(message)")
            }
            return response
        }
    }

    private static func tooMany(_ message: String) -> HTTPResponse {
        var response = HTTPErrorMapping.body(429, message)
        response.headers.append((name: "Retry-After", value: "60"))
        return response
    }
}
