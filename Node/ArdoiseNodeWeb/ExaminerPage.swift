import ArdoiseHTTPServer
import ArdoiseNode
import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// The examiner's page on the lab PC (`ardoise serve`): the shared HTTP server on 127.0.0.1 only, over
/// the node it owns (its folder's process lock is held while the page runs). Its address is written to
/// `NODEDIR/page.json` for scripts and tests, and removed when it stops.
public final class ExaminerPage: Sendable {
    public struct Settings: Sendable {
        public var idleSeconds: Double = 20 * 60
        public var lifetimeSeconds: Double = 5 * 3600
        public init() {}
    }

    public struct Endpoint: Codable, Sendable {
        public var url: String
        public var pid: Int32
    }

    public let url: String
    private let http: HTTPServer
    private let router: Router<PageAccess, PageVisitor>
    private let folder: String

    public static func endpointPath(_ folder: String) -> String { (folder as NSString).appendingPathComponent("page.json") }

    /// Binds 127.0.0.1:`port` (0: any free port). `network` reaches the server when the examiner syncs.
    public init(node: sending Node, port: UInt16, settings: Settings = .init(), wall: WallClock = .system,
                network: @escaping @Sendable (Node) throws -> any NodeTransport = { try $0.network() },
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        folder = node.folder
        let sessions = PageSessions(settings: .init(idle: settings.idleSeconds, lifetime: settings.lifetimeSeconds), wall: wall)
        let context = PageContext(desk: NodeDesk(node), sessions: sessions, network: network)
        router = Self.router(context)
        var limits = HTTPServerLimits()
        // One examiner's browser: a few connections, small bodies.
        limits.maxConnections = 64
        limits.maxConnectionsPerAddress = 32
        limits.maxBodyBytes = 64 << 10
        limits.workerThreads = 2
        http = try HTTPServer(host: "127.0.0.1", port: port, limits: limits, log: log, admit: router.admit, handler: router.handle)
        url = "http://127.0.0.1:\(http.port)"
        try AtomicFile.write(try JSONCoding.encode(Endpoint(url: url, pid: getpid())), to: Self.endpointPath(folder), mode: 0o600)
    }

    static func router(_ context: PageContext) -> Router<PageAccess, PageVisitor> {
        let routes = RouterBuilder<PageAccess, PageVisitor>(defaultAccess: .signedIn, defaultMaxBody: 0,
                                                            authenticate: context.authenticate)
        routes.use(PageGuard.middleware)
        StaticRoutes.add(to: routes)
        SessionRoutes.add(to: routes, context)
        LotRoutes.add(to: routes, context)
        GradingRoutes.add(to: routes, context)
        return routes.build(errorResponse: PageErrors.response)
    }

    public func start() { http.start() }

    /// Answers a request without a socket, through the same routes (tests).
    public func respond(to request: HTTPRequest) -> HTTPResponse { router.handle(request) }

    public func stop() {
        http.stop()
        try? FileManager.default.removeItem(atPath: Self.endpointPath(folder))
    }
}
