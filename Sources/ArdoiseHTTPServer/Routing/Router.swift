/// Dispatches requests to the routes of a `RouterBuilder`. Order: router-wide middleware, then
/// (1) path → 404, (2) method → 405 with Allow, group middleware, (3) body cap → 413,
/// (4) the application's `authenticate`, (5) the handler. Every error thrown in 1–5 becomes a
/// response through the application's one `errorResponse`.
///
/// HEAD is answered by the GET route when no HEAD route exists: `HTTPConnection` already sends
/// HEAD answers without their body, so this costs nothing and Allow lists HEAD beside GET.
public struct Router<Access: Sendable, Principal: Sendable>: Sendable {
    let routes: [Route<Access, Principal>]
    let middleware: [Middleware]
    let authenticate: @Sendable (Access, HTTPRequest) throws -> Principal
    let errorResponse: @Sendable (Error, HTTPRequest) -> HTTPResponse

    /// The entry point for `HTTPServer(handler:)`.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        MiddlewareChain.compose(middleware) { dispatch($0) }(request)
    }

    /// The route a request head would reach, or nil for a 404 or 405; pure, reads no body.
    public func match(method: String, path: String) -> RouteMatch<Access>? {
        try? resolve(method: method, path: path).get()
    }

    /// Like `match`, but says why nothing matched (the 404 or 405 `handle` would answer).
    public func resolve(method: String, path: String) -> Result<RouteMatch<Access>, RoutingError> {
        find(method: method, path: path).map { route, parameters in
            RouteMatch(
                method: route.method, pattern: route.pattern, access: route.access, maxBody: route.maxBody,
                parameters: parameters)
        }
    }

    /// Every route as "METHOD /pattern", in registration order: for start-up logs and docs.
    public var routeList: [String] { routes.map { "\($0.method) \($0.pattern)" } }

    private func dispatch(_ request: HTTPRequest) -> HTTPResponse {
        switch find(method: request.method, path: request.path) {
        case .failure(let error):
            return respond(to: error, request)
        case .success(let (route, parameters)):
            let endpoint: @Sendable (HTTPRequest) -> HTTPResponse = { request in
                do {
                    return try run(route, request, parameters)
                } catch {
                    return respond(to: error, request)
                }
            }
            return MiddlewareChain.compose(route.middleware, around: endpoint)(request)
        }
    }

    private func run(
        _ route: Route<Access, Principal>, _ request: HTTPRequest, _ parameters: [String: String]
    ) throws -> HTTPResponse {
        guard request.body.count <= route.maxBody else {
            throw RoutingError.bodyTooLarge(limit: route.maxBody, received: request.body.count)
        }
        let principal = try authenticate(route.access, request)
        return try route.handler(RouteRequest(http: request, principal: principal, parameters: parameters))
    }

    /// The application's response for `error`, plus any header a `RoutingError` requires
    /// (Allow on 405) that the application left out.
    func respond(to error: Error, _ request: HTTPRequest) -> HTTPResponse {
        var response = errorResponse(error, request)
        if let routing = error as? RoutingError {
            for header in routing.headers {
                let name = header.name.lowercased()
                if !response.headers.contains(where: { $0.name.lowercased() == name }) {
                    response.headers.append(header)
                }
            }
        }
        return response
    }

    /// The route for (method, path) and its decoded parameters. A linear scan: an application has
    /// tens of routes, and a scan keeps "method first, then the most specific pattern" obvious.
    func find(method: String, path: String) -> Result<(Route<Access, Principal>, [String: String]), RoutingError> {
        let segments = RoutePattern.pathSegments(path)
        var matching: [(route: Route<Access, Principal>, parameters: [String: String])] = []
        for route in routes {
            if let parameters = route.pattern.match(segments) { matching.append((route, parameters)) }
        }
        if matching.isEmpty { return .failure(.notFound(method: method, path: path)) }
        let hasHeadRoute = matching.contains { $0.route.method == "HEAD" }
        let wanted = method == "HEAD" && !hasHeadRoute ? "GET" : method
        // Among routes of this method, the literal wins over the parameter ("/lots/new" over "/lots/:id").
        // Two matching patterns of one method always differ somewhere, since `build` refuses duplicates.
        var best: (route: Route<Access, Principal>, parameters: [String: String])?
        for candidate in matching where candidate.route.method == wanted {
            if let current = best, !candidate.route.pattern.isMoreSpecific(than: current.route.pattern) { continue }
            best = candidate
        }
        if let best { return .success((best.route, best.parameters)) }
        var allowed = Set(matching.map(\.route.method))
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .failure(.methodNotAllowed(method: method, path: path, allowed: Array(allowed)))
    }
}
