import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSupport

/// The `/v1` API: each route declares its method, who it is for and its body cap; a refused request
/// changes nothing. Built once at start-up.
enum CentralRoutes {
    /// Body caps: enrolment is a code and a label; a push may carry many operations.
    static let smallBody = 4 << 10
    static let adminBody = 64 << 10
    static let pushBody = 16 << 20

    static func router(central: Central, authenticator: CentralAuthenticator, limits: CentralRateLimits,
                       log: @escaping @Sendable (String) -> Void) -> Router<CentralAccess, Principal> {
        let builder = RouterBuilder<CentralAccess, Principal>(defaultAccess: .node, defaultMaxBody: smallBody,
                                                             authenticate: authenticator.check)
        builder.use(limits.refusals(audit: central.audit, authenticator: authenticator, log: log))
        builder.use(limits.admission(authenticator: authenticator))
        builder.group(WireVersion.prefix) { v1 in
            v1.get("/health", access: .anyone) { _ in .json(200, Array("{\"status\":\"ok\"}".utf8)) }
            v1.post("/enrol", access: .anyone) { request in
                let body = try JSONCoding.decode(EnrolRequest.self, from: request.http.body)
                let response = try central.enrolment.enrol(code: body.code, label: body.label)
                log("enrolled node \(response.node) for centre \(response.centre)")
                return try ok(response)
            }
            v1.get("/reference") { request in
                try ok(try central.reference.snapshot(centre: try request.principal.node.centre), for: request.http)
            }
            v1.post("/push", maxBody: pushBody) { request in
                let body = try PushRequest.decoded(from: try BodyEncoding.inflated(request.http, limit: pushBody))
                return try ok(try central.push.push(node: try request.principal.node, operations: body.operations))
            }
            v1.get("/pull") { request in
                let cursor = try integer(request.http, "cursor", default: 0)
                let limit = try integer(request.http, "limit", default: 500)
                return try ok(try central.pull.pull(centre: try request.principal.node.centre, after: cursor, limit: Int(limit)),
                              for: request.http)
            }
            PersonRoutes.add(to: v1, central: central)
            FollowUpRoutes.add(to: v1, central: central)
            v1.group("/admin", access: .admin, maxBody: adminBody) { admin in
                AdminRoutes.add(to: admin, central: central)
                AcademieRoutes.add(to: admin, central: central)
                HarmonisationRoutes.addAdmin(to: admin, central: central)
                ValidationRoutes.addAdmin(to: admin, central: central)
                DistributionRoutes.addAdmin(to: admin, central: central)
                WrittenRoutes.addAdmin(to: admin, central: central)
            }
        }
        return builder.build(errorResponse: HTTPErrorMapping(log: log).response)
    }

    static func ok<T: Encodable>(_ value: T) throws -> HTTPResponse {
        .json(200, try JSONCoding.encode(value))
    }

    /// The same, gzip'd where it pays (`BodyEncoding`).
    static func ok<T: Encodable>(_ value: T, for request: HTTPRequest) throws -> HTTPResponse {
        BodyEncoding.json(try JSONCoding.encode(value), for: request)
    }

    private static func integer(_ request: HTTPRequest, _ name: String, default fallback: Int64) throws -> Int64 {
        guard let text = request.query[name] else { return fallback }
        guard let value = Int64(text), value >= 0 else {
            throw ServerError.badRequest("query parameter \(name) must be a non-negative integer, got '\(text)'")
        }
        return value
    }
}
