/// What a route handler receives: the request, who the application's `authenticate` said made it,
/// and the path parameters, percent-decoded ("/lots/:id" on "/lots/a%20b" gives id "a b").
public struct RouteRequest<Principal: Sendable>: Sendable {
    public let http: HTTPRequest
    public let principal: Principal
    public let parameters: [String: String]

    /// Public so handlers can be tested without a router.
    public init(http: HTTPRequest, principal: Principal, parameters: [String: String] = [:]) {
        self.http = http
        self.principal = principal
        self.parameters = parameters
    }
}
