/// One registered route, with its group's settings already applied.
struct Route<Access: Sendable, Principal: Sendable>: Sendable {
    let method: String
    let pattern: RoutePattern
    let access: Access
    let maxBody: Int
    /// Middleware of the groups around this route, outermost first; runs after matching.
    var middleware: [Middleware]
    let handler: @Sendable (RouteRequest<Principal>) throws -> HTTPResponse
}
