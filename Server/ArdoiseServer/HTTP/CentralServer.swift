import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// The running central server: the capabilities, the HTTP listener, and the files that let admin
/// commands find it (`server.json`) and prove they run as its owner (`admin.token`, mode 0600).
public final class CentralServer: Sendable {
    public let central: Central
    private let http: HTTPServer
    private let router: Router<CentralAccess, Principal>
    public let url: String

    public struct Endpoint: Codable, Sendable {
        public var url: String
        public var pid: Int32
    }

    public static func endpointPath(_ folder: String) -> String { (folder as NSString).appendingPathComponent("server.json") }
    public static func adminTokenPath(_ folder: String) -> String { (folder as NSString).appendingPathComponent("admin.token") }

    public init(central: Central, host: String, port: UInt16, limits: HTTPServerLimits = .init(),
                rateLimits: RateLimits = .init(), log: @escaping @Sendable (String) -> Void) throws {
        self.central = central
        let adminToken = try central.random.token()
        let authenticator = CentralAuthenticator(authentication: central.authentication,
                                                 adminTokenHash: Digest.sha256Hex(adminToken),
                                                 sessions: central.personSessions)
        let router = CentralRoutes.router(central: central, authenticator: authenticator,
                                          limits: CentralRateLimits(rateLimits, clock: central.clock.wall), log: log)
        self.router = router
        // The head is checked before any body byte is read: a request without a valid token, to an unknown
        // route or over the route's body cap costs neither the body's memory nor its time.
        // Pushes wait for the one writer on their own workers: pulls and authentication never queue behind them.
        http = try HTTPServer(host: host, port: port, limits: limits, log: log, admit: router.admit,
                              writes: { $0.method == "POST" && $0.path == WireVersion.prefix + "/push" }, handler: router.handle)
        url = "http://\(host):\(http.port)"
        let folder = central.store.folder
        try AtomicFile.write(Array(adminToken.utf8), to: Self.adminTokenPath(folder))
        try AtomicFile.write(try JSONCoding.encode(Endpoint(url: url, pid: getpid())), to: Self.endpointPath(folder), mode: 0o600)
    }

    public var store: CentralStore { central.store }

    public func start() { http.start() }

    /// Connections open right now, idle ones included.
    public var openConnections: Int { http.openConnections }

    /// Answers a request without a socket, through the same routes: for tests that need the server's
    /// behaviour many times over without the cost of the network.
    public func respond(to request: HTTPRequest) -> HTTPResponse { router.handle(request) }

    public func stop() {
        http.stop()
        central.audit.flushRefusals()
        try? FileManager.default.removeItem(atPath: Self.endpointPath(central.store.folder))
        try? FileManager.default.removeItem(atPath: Self.adminTokenPath(central.store.folder))
    }
}
