import ArdoiseHTTPServer
import TestSupport
import Testing

@testable import ArdoiseHTTPClient

/// The router through `Router.handle` with hand-built requests, and once through a real server.
@Suite("Router", .timeLimit(.minutes(1)))
struct RouterTests {
    /// An application's own access levels, principals and error, as the central server would have.
    enum Access: Sendable, Equatable { case open, node, admin }
    enum Who: Sendable, Equatable { case anyone, node(String), admin }

    struct AppError: Error {
        let status: Int
        let message: String
    }

    /// "Authorization: Node <name>" for nodes, "Authorization: Admin secret" for the admin.
    static let authenticate: @Sendable (Access, HTTPRequest) throws -> Who = { access, request in
        let authorization = request.header("Authorization") ?? ""
        switch access {
        case .open:
            return .anyone
        case .node:
            guard authorization.hasPrefix("Node ") else { throw AppError(status: 401, message: "node token missing") }
            return .node(String(authorization.dropFirst("Node ".count)))
        case .admin:
            guard authorization == "Admin secret" else { throw AppError(status: 401, message: "admin token missing") }
            return .admin
        }
    }

    /// Deliberately ignores `RoutingError.headers`: the router must still send Allow on 405.
    static let errorResponse: @Sendable (Error, HTTPRequest) -> HTTPResponse = { error, _ in
        switch error {
        case let error as RoutingError: return .text(error.status, error.message)
        case let error as AppError: return .text(error.status, error.message)
        default: return .text(500, "internal error")
        }
    }

    static func builder(maxBody: Int = 100) -> RouterBuilder<Access, Who> {
        RouterBuilder(defaultAccess: .open, defaultMaxBody: maxBody, authenticate: authenticate)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func request(
        _ method: String, _ target: String, authorization: String? = nil, body: [UInt8] = []
    ) -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: authorization.map { [("Authorization", $0)] } ?? [], body: body)
    }

    @Test func exactMatchAndUnknownPath() {
        let routes = Self.builder()
        routes.get("/v1/health") { _ in .text(200, "ok") }
        routes.get("/") { _ in .text(200, "home") }
        let router = routes.build(errorResponse: Self.errorResponse)

        #expect(Self.text(router.handle(Self.request("GET", "/v1/health?verbose=1"))) == "ok")
        #expect(Self.text(router.handle(Self.request("GET", "/"))) == "home")
        for path in ["/v1/health/", "/v1/healthz", "/v1", "/V1/health", "/v1//health", "/v2/health"] {
            let response = router.handle(Self.request("GET", path))
            #expect(response.status == 404, "\(path)")
            #expect(Self.text(response) == "no such endpoint: GET \(path)")
        }
    }

    @Test func parametersAreDecodedAndLiteralsWin() {
        let routes = Self.builder()
        routes.get("/lots/:id") { request in .text(200, "lot \(request.parameters["id"] ?? "?")") }
        routes.get("/lots/new") { _ in .text(200, "new lot form") }
        routes.get("/lots/:lot/marks/:mark") { request in
            .text(200, "\(request.parameters["lot"] ?? "?") \(request.parameters["mark"] ?? "?")")
        }
        routes.get("/lots/:lot/marks/latest") { _ in .text(200, "latest") }
        let router = routes.build(errorResponse: Self.errorResponse)

        #expect(Self.text(router.handle(Self.request("GET", "/lots/42"))) == "lot 42")
        #expect(Self.text(router.handle(Self.request("GET", "/lots/new"))) == "new lot form")
        // %2F stays inside the parameter; "+" is not a space in a path.
        #expect(Self.text(router.handle(Self.request("GET", "/lots/a%20b%2Fc+d"))) == "lot a b/c+d")
        #expect(Self.text(router.handle(Self.request("GET", "/lots/%C3%A9t%C3%A9"))) == "lot été")
        #expect(Self.text(router.handle(Self.request("GET", "/lots/7/marks/3"))) == "7 3")
        #expect(Self.text(router.handle(Self.request("GET", "/lots/7/marks/latest"))) == "latest")
        // An escaped literal is not the literal: middleware reading request.path sees what was routed.
        #expect(Self.text(router.handle(Self.request("GET", "/lots/n%65w"))) == "lot new")
        // An empty or non-UTF-8 parameter names nothing.
        #expect(router.handle(Self.request("GET", "/lots//marks/3")).status == 404)
        #expect(router.handle(Self.request("GET", "/lots/%FF")).status == 404)
    }

    @Test func wrongMethodIs405WithEveryAllowedMethod() throws {
        let routes = Self.builder()
        routes.post("/items") { _ in .text(201, "created") }
        routes.get("/items") { _ in .text(200, "list") }
        routes.delete("/items/:id") { _ in .text(204, "") }
        routes.put("/items/:id") { _ in .text(200, "replaced") }
        routes.add("PATCH", "/items/special") { _ in .text(200, "patched") }
        let router = routes.build(errorResponse: Self.errorResponse)

        let response = router.handle(Self.request("DELETE", "/items"))
        #expect(response.status == 405)
        #expect(response.headers.filter { $0.name == "Allow" }.map(\.value) == ["GET, HEAD, POST"])
        // Both patterns match "/items/special": Allow lists the methods of each.
        let special = router.handle(Self.request("GET", "/items/special"))
        #expect(special.status == 405)
        #expect(special.headers.first { $0.name == "Allow" }?.value == "DELETE, PATCH, PUT")
        // A method the literal route lacks falls to the parameter route rather than 405.
        #expect(Self.text(router.handle(Self.request("PUT", "/items/special"))) == "replaced")
        #expect(Self.text(router.handle(Self.request("PATCH", "/items/special"))) == "patched")

        guard case .failure(let error) = router.resolve(method: "PUT", path: "/items") else {
            Issue.record("PUT /items should not resolve")
            return
        }
        #expect(error.kind == .methodNotAllowed(allowed: ["GET", "HEAD", "POST"]))
        #expect(error.message == "PUT is not allowed on /items; allowed: GET, HEAD, POST")
    }

    @Test func allowIsNotDoubledWhenErrorResponseCopiesIt() {
        let routes = Self.builder()
        routes.get("/items") { _ in .text(200, "list") }
        let router = routes.build { error, _ in
            let routing = error as? RoutingError
            return HTTPResponse(status: routing?.status ?? 500, headers: routing?.headers.map { ($0.name.lowercased(), $0.value) } ?? [])
        }
        let response = router.handle(Self.request("POST", "/items"))
        #expect(response.headers.map(\.name) == ["allow"] && response.headers.first?.value == "GET, HEAD")
    }

    @Test func headIsAnsweredByTheGetRoute() {
        let routes = Self.builder()
        routes.get("/page") { request in .text(200, "page for \(request.http.method)") }
        let router = routes.build(errorResponse: Self.errorResponse)
        // The connection drops the body of a HEAD answer; the router only has to find the route.
        #expect(Self.text(router.handle(Self.request("HEAD", "/page"))) == "page for HEAD")
        #expect(router.match(method: "HEAD", path: "/page")?.method == "GET")
    }

    @Test func bodyOverTheRouteCapIs413WhereABiggerCapAccepts() {
        let routes = Self.builder(maxBody: 10)
        let ran = LogLines()
        routes.post("/small") { _ in ran.sink("small"); return .text(200, "small") }
        routes.post("/large", maxBody: 1000) { request in .text(200, "\(request.http.body.count) bytes") }
        let router = routes.build(errorResponse: Self.errorResponse)
        let body = [UInt8](repeating: 7, count: 11)

        let refused = router.handle(Self.request("POST", "/small", body: body))
        #expect(refused.status == 413)
        #expect(Self.text(refused) == "request body of 11 bytes is over this endpoint's limit of 10 bytes")
        #expect(ran.all.isEmpty)
        #expect(Self.text(router.handle(Self.request("POST", "/large", body: body))) == "11 bytes")
        #expect(router.handle(Self.request("POST", "/small", body: Array(body.prefix(10)))).status == 200)
    }

    @Test func groupsComposePrefixAccessAndCap() throws {
        let routes = Self.builder(maxBody: 10)
        routes.group("/v1") { v1 in
            v1.get("/health") { _ in .text(200, "ok") }
            v1.group("/admin/", access: .admin, maxBody: 500) { admin in
                admin.get("/lots") { _ in .text(200, "lots") }
                admin.group("/nodes") { nodes in
                    nodes.get("/:id") { request in .text(200, "node \(request.parameters["id"] ?? "?")") }
                    nodes.post("/", access: .node, maxBody: 20) { request in .text(200, "\(request.principal)") }
                }
            }
        }
        let router = routes.build(errorResponse: Self.errorResponse)

        #expect(router.routeList == ["GET /v1/health", "GET /v1/admin/lots", "GET /v1/admin/nodes/:id", "POST /v1/admin/nodes"])
        let health = try #require(router.match(method: "GET", path: "/v1/health"))
        #expect(health.access == .open && health.maxBody == 10)
        let lots = try #require(router.match(method: "GET", path: "/v1/admin/lots"))
        #expect(lots.access == .admin && lots.maxBody == 500)
        let node = try #require(router.match(method: "GET", path: "/v1/admin/nodes/n%2D1"))
        #expect(node.access == .admin && node.maxBody == 500 && node.parameters == ["id": "n-1"])
        #expect(node.pattern.description == "/v1/admin/nodes/:id")
        let post = try #require(router.match(method: "POST", path: "/v1/admin/nodes"))
        #expect(post.access == .node && post.maxBody == 20)

        #expect(router.handle(Self.request("GET", "/v1/admin/lots")).status == 401)
        #expect(Self.text(router.handle(Self.request("GET", "/v1/admin/lots", authorization: "Admin secret"))) == "lots")
        #expect(Self.text(router.handle(Self.request("GET", "/v1/admin/nodes/n1", authorization: "Admin secret"))) == "node n1")
        // The route's own access wins over the group's: a node token is enough, the admin's is not.
        #expect(Self.text(router.handle(Self.request("POST", "/v1/admin/nodes", authorization: "Node n7"))) == "node(\"n7\")")
        #expect(router.handle(Self.request("POST", "/v1/admin/nodes", authorization: "Admin secret")).status == 401)
        #expect(router.handle(Self.request("GET", "/admin/lots", authorization: "Admin secret")).status == 404)
    }

    @Test func authenticationFailureGoesThroughErrorResponseAndSkipsTheHandler() {
        let routes = Self.builder()
        let ran = LogLines()
        routes.get("/v1/pull", access: .node) { request in
            ran.sink("pull")
            return .text(200, "pull for \(request.principal)")
        }
        let router = routes.build { error, request in
            let status = (error as? AppError)?.status ?? 500
            return HTTPResponse(status: status, headers: [("X-Refused", request.path)], body: Array("refused".utf8))
        }

        let refused = router.handle(Self.request("GET", "/v1/pull"))
        #expect(refused.status == 401)
        #expect(refused.headers.first { $0.name == "X-Refused" }?.value == "/v1/pull")
        #expect(Self.text(refused) == "refused")
        #expect(ran.all.isEmpty)
        #expect(Self.text(router.handle(Self.request("GET", "/v1/pull", authorization: "Node n1"))) == "pull for node(\"n1\")")
        #expect(ran.all == ["pull"])
    }

    @Test func bodyCapIsCheckedBeforeAuthentication() {
        let routes = Self.builder(maxBody: 1)
        routes.post("/push", access: .node) { _ in .text(200, "pushed") }
        let router = routes.build(errorResponse: Self.errorResponse)
        #expect(router.handle(Self.request("POST", "/push", body: [1, 2])).status == 413)
    }

    @Test func middlewareRunsOutermostFirstAndCanShortCircuit() {
        let order = LogLines()
        let routes = Self.builder()
        routes.use { request, next in
            order.sink("outer in")
            let response = next(request)
            order.sink("outer out \(response.status)")
            return response
        }
        routes.use { request, next in
            order.sink("inner in")
            if request.header("X-Greedy") != nil { return .text(429, "slow down") }
            return next(request)
        }
        routes.get("/work") { _ in order.sink("handler"); return .text(200, "done") }
        let router = routes.build(errorResponse: Self.errorResponse)

        #expect(router.handle(Self.request("GET", "/work")).status == 200)
        #expect(order.all == ["outer in", "inner in", "handler", "outer out 200"])

        let greedy = HTTPRequest(method: "GET", target: "/work", headers: [("X-Greedy", "1")])
        let limited = router.handle(greedy)
        #expect(limited.status == 429 && Self.text(limited) == "slow down")
        #expect(order.all.suffix(3) == ["outer in", "inner in", "outer out 429"])

        // Router-wide middleware also sees the answers to unknown paths.
        #expect(router.handle(Self.request("GET", "/nowhere")).status == 404)
        #expect(order.all.last == "outer out 404")
    }

    @Test func groupMiddlewareWrapsOnlyItsRoutesInsideTheRouterWideOnes() {
        let order = LogLines()
        let routes = Self.builder()
        routes.use { request, next in order.sink("router"); return next(request) }
        routes.get("/open") { _ in order.sink("open"); return .text(200, "open") }
        routes.group("/v1", access: .node) { v1 in
            v1.use { request, next in order.sink("v1"); return next(request) }
            v1.group("/enrol", access: .open) { enrol in
                enrol.use { _, _ in order.sink("enrol limit"); return .text(429, "too many enrolments") }
                enrol.post("/") { _ in order.sink("enrol"); return .text(200, "enrolled") }
            }
            v1.get("/pull") { _ in order.sink("pull"); return .text(200, "pulled") }
        }
        let router = routes.build(errorResponse: Self.errorResponse)

        #expect(router.handle(Self.request("GET", "/open")).status == 200)
        #expect(order.all == ["router", "open"])
        #expect(router.handle(Self.request("POST", "/v1/enrol")).status == 429)
        #expect(order.all.suffix(3) == ["router", "v1", "enrol limit"])
        // Group middleware runs before authentication, and sees its 401.
        #expect(router.handle(Self.request("GET", "/v1/pull")).status == 401)
        #expect(order.all.suffix(2) == ["router", "v1"])
        #expect(router.handle(Self.request("GET", "/v1/pull", authorization: "Node n")).status == 200)
        #expect(order.all.suffix(3) == ["router", "v1", "pull"])
    }

    @Test func handlerErrorsAreMappedByErrorResponse() {
        struct Broken: Error {}
        let routes = Self.builder()
        routes.post("/lots/:id/unlock") { request in
            throw AppError(status: 409, message: "lot \(request.parameters["id"] ?? "?") is not locked")
        }
        routes.get("/crash") { _ in throw Broken() }
        let router = routes.build(errorResponse: Self.errorResponse)

        let conflict = router.handle(Self.request("POST", "/lots/9/unlock"))
        #expect(conflict.status == 409 && Self.text(conflict) == "lot 9 is not locked")
        let crash = router.handle(Self.request("GET", "/crash"))
        #expect(crash.status == 500 && Self.text(crash) == "internal error")
    }

    @Test func matchReportsAccessAndCapFromTheHeadAlone() throws {
        let routes = Self.builder(maxBody: 64)
        routes.post("/v1/push", access: .node, maxBody: 4 << 20) { _ in .text(200, "") }
        routes.get("/v1/health") { _ in .text(200, "") }
        let router = routes.build(errorResponse: Self.errorResponse)

        let push = try #require(router.match(method: "POST", path: "/v1/push"))
        #expect(push.method == "POST" && push.access == .node && push.maxBody == 4 << 20 && push.parameters.isEmpty)
        #expect(push.pattern.description == "/v1/push")
        #expect(router.match(method: "GET", path: "/v1/push") == nil)
        #expect(router.match(method: "GET", path: "/v1/nothing") == nil)
        guard case .failure(let error) = router.resolve(method: "GET", path: "/v1/nothing") else {
            Issue.record("GET /v1/nothing should not resolve")
            return
        }
        #expect(error.kind == .notFound && error.status == 404)
    }

    @Test func throughARealServerAndCurl() throws {
        let routes = Self.builder(maxBody: 16)
        routes.get("/v1/lots/:id") { request in .text(200, "lot \(request.parameters["id"] ?? "?")") }
        routes.post("/v1/lots/:id", access: .admin, maxBody: 1024) { request in
            .text(201, "stored \(request.http.body.count) bytes for \(request.principal)")
        }
        let router = routes.build(errorResponse: Self.errorResponse)
        let server = try TestServer.start(handler: router.handle)
        defer { server.stop() }
        let client = HTTPClient()
        let url = "http://127.0.0.1:\(server.port)/v1/lots/a%20b"

        let get = try client.send(method: "GET", url: url)
        #expect(get.status == 200 && String(decoding: get.body, as: UTF8.self) == "lot a b")
        let head = try client.send(method: "HEAD", url: url)
        #expect(head.status == 200 && head.header("Content-Length") == "7" && head.body.isEmpty)
        let wrong = try client.send(method: "DELETE", url: url)
        #expect(wrong.status == 405 && wrong.header("Allow") == "GET, HEAD, POST")
        let body = [UInt8](repeating: 1, count: 100)
        let anonymous = try client.send(method: "POST", url: url, body: body)
        #expect(anonymous.status == 401)
        let admin = try client.send(method: "POST", url: url, headers: [("Authorization", "Admin secret")], body: body)
        #expect(admin.status == 201 && String(decoding: admin.body, as: UTF8.self) == "stored 100 bytes for admin")
        let tooLarge = try client.send(
            method: "POST", url: url, headers: [("Authorization", "Admin secret")], body: [UInt8](repeating: 1, count: 1025))
        #expect(tooLarge.status == 413)
        #expect(try client.send(method: "GET", url: "http://127.0.0.1:\(server.port)/v1/lots").status == 404)
    }
}
