/// Collects routes at start-up and builds a `Router`. Knows nothing about tokens or users: each
/// route declares an `Access` requirement of the application's type, and the application's
/// `authenticate` turns (requirement, request) into a `Principal` or throws (its 401 or 403).
///
/// Not Sendable: build once on one thread, then share the `Router`. Malformed patterns, negative
/// caps and duplicate routes are programming errors and stop the process at start-up.
public final class RouterBuilder<Access: Sendable, Principal: Sendable> {
    public typealias Handler = @Sendable (RouteRequest<Principal>) throws -> HTTPResponse

    /// Shared by a builder and the group builders it hands out, so all routes land in one list.
    private final class Registry {
        var routes: [Route<Access, Principal>] = []
        var middleware: [Middleware] = []
    }

    private let registry: Registry
    private let prefix: RoutePattern
    private let defaultAccess: Access
    private let defaultMaxBody: Int
    private let authenticate: @Sendable (Access, HTTPRequest) throws -> Principal
    private let isRoot: Bool
    private var groupMiddleware: [Middleware] = []
    /// Set once a group's closure has returned: routes added later would miss its middleware.
    private var closed = false

    public convenience init(
        defaultAccess: Access, defaultMaxBody: Int,
        authenticate: @escaping @Sendable (Access, HTTPRequest) throws -> Principal
    ) {
        self.init(
            registry: Registry(), prefix: RoutePattern("/"), defaultAccess: defaultAccess,
            defaultMaxBody: defaultMaxBody, authenticate: authenticate, isRoot: true)
    }

    private init(
        registry: Registry, prefix: RoutePattern, defaultAccess: Access, defaultMaxBody: Int,
        authenticate: @escaping @Sendable (Access, HTTPRequest) throws -> Principal, isRoot: Bool
    ) {
        precondition(defaultMaxBody >= 0, "a body cap cannot be negative")
        self.registry = registry
        self.prefix = prefix
        self.defaultAccess = defaultAccess
        self.defaultMaxBody = defaultMaxBody
        self.authenticate = authenticate
        self.isRoot = isRoot
    }

    public func get(_ path: String, access: Access? = nil, maxBody: Int? = nil, _ handler: @escaping Handler) {
        add("GET", path, access: access, maxBody: maxBody, handler)
    }

    public func post(_ path: String, access: Access? = nil, maxBody: Int? = nil, _ handler: @escaping Handler) {
        add("POST", path, access: access, maxBody: maxBody, handler)
    }

    public func put(_ path: String, access: Access? = nil, maxBody: Int? = nil, _ handler: @escaping Handler) {
        add("PUT", path, access: access, maxBody: maxBody, handler)
    }

    public func delete(_ path: String, access: Access? = nil, maxBody: Int? = nil, _ handler: @escaping Handler) {
        add("DELETE", path, access: access, maxBody: maxBody, handler)
    }

    /// A route for any method token ("PATCH", "HEAD"…); methods are case-sensitive, as in HTTP.
    public func add(
        _ method: String, _ path: String, access: Access? = nil, maxBody: Int? = nil, _ handler: @escaping Handler
    ) {
        precondition(!closed, "route \(method) \(path) added to a group after its closure returned")
        precondition(
            !method.isEmpty && method.utf8.allSatisfy(HTTPRequestParser.isTokenByte), "invalid method '\(method)'")
        let cap = maxBody ?? defaultMaxBody
        precondition(cap >= 0, "route \(method) \(path): a body cap cannot be negative")
        registry.routes.append(
            Route(
                method: method, pattern: prefix.appending(RoutePattern(path)), access: access ?? defaultAccess,
                maxBody: cap, middleware: [], handler: handler))
    }

    /// Routes added inside `build` get `prefix` in front of their path and this group's access and
    /// body cap unless they set their own. Groups nest: the innermost setting wins.
    public func group(
        _ prefix: String, access: Access? = nil, maxBody: Int? = nil, _ build: (RouterBuilder) -> Void
    ) {
        let child = RouterBuilder(
            registry: registry, prefix: self.prefix.appending(RoutePattern(prefix)),
            defaultAccess: access ?? defaultAccess, defaultMaxBody: maxBody ?? defaultMaxBody,
            authenticate: authenticate, isRoot: false)
        let first = registry.routes.count
        build(child)
        child.closed = true
        // Routes of nested groups were added during `build` too, so they get this group's
        // middleware outside their own.
        for index in first..<registry.routes.count {
            registry.routes[index].middleware = child.groupMiddleware + registry.routes[index].middleware
        }
    }

    /// Adds middleware; the first added is outermost. On the builder from `init` it wraps all of
    /// dispatch, 404 and 405 answers included (logging, a per-client limit). Inside a group it wraps
    /// only that group's routes, after matching, before the body cap and `authenticate` (a limit on
    /// one endpoint).
    public func use(_ middleware: @escaping Middleware) {
        precondition(!closed, "middleware added to a group after its closure returned")
        if isRoot {
            registry.middleware.append(middleware)
        } else {
            groupMiddleware.append(middleware)
        }
    }

    /// The router. `errorResponse` is the application's one mapping from errors (its own, and
    /// `RoutingError`) to responses.
    public func build(
        errorResponse: @escaping @Sendable (Error, HTTPRequest) -> HTTPResponse
    ) -> Router<Access, Principal> {
        precondition(isRoot, "build the router from the builder made by init, not from a group")
        var seen = Set<String>()
        for route in registry.routes where !seen.insert("\(route.method) \(route.pattern.shape)").inserted {
            preconditionFailure("duplicate route \(route.method) \(route.pattern)")
        }
        return Router(
            routes: registry.routes, middleware: registry.middleware, authenticate: authenticate,
            errorResponse: errorResponse)
    }
}
