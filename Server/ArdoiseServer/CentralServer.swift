import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// The running central server: the store, the HTTP listener, and the files that let admin commands
/// find it (`server.json`) and prove they run as its owner (`admin.token`, mode 0600).
public final class CentralServer: Sendable {
    public let store: CentralStore
    private let http: HTTPServer
    private let routes: CentralRoutes
    public let url: String

    public struct Endpoint: Codable, Sendable {
        public var url: String
        public var pid: Int32
    }

    public static func endpointPath(_ folder: String) -> String { (folder as NSString).appendingPathComponent("server.json") }
    public static func adminTokenPath(_ folder: String) -> String { (folder as NSString).appendingPathComponent("admin.token") }

    public init(store: CentralStore, host: String, port: UInt16, limits: HTTPServerLimits = .init(),
                rateLimits: RateLimits = .init(), log: @escaping @Sendable (String) -> Void) throws {
        self.store = store
        let adminToken = try Digest.randomToken()
        let routes = CentralRoutes(store: store, adminTokenHash: Digest.sha256Hex(adminToken), log: log,
                                   enrolmentLimit: RateLimiter(rateLimits.enrolment),
                                   authFailureLimit: RateLimiter(rateLimits.authFailures))
        self.routes = routes
        http = try HTTPServer(host: host, port: port, limits: limits, log: log, handler: routes.handle)
        url = "http://\(host):\(http.port)"
        try AtomicFile.write(Array(adminToken.utf8), to: Self.adminTokenPath(store.folder))
        let endpoint = Endpoint(url: url, pid: getpid())
        try AtomicFile.write(try JSONCoding.encode(endpoint), to: Self.endpointPath(store.folder), mode: 0o644)
    }

    public func start() { http.start() }

    /// Answers a request without a socket, through the same routes: for tests that need the server's
    /// behaviour many times over without the cost of the network.
    public func respond(to request: HTTPRequest) -> HTTPResponse { routes.handle(request) }

    public func stop() {
        http.stop()
        try? FileManager.default.removeItem(atPath: Self.endpointPath(store.folder))
        try? FileManager.default.removeItem(atPath: Self.adminTokenPath(store.folder))
    }
}
