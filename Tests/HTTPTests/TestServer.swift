import ArdoiseHTTPServer
import TestSupport

enum TestServer {
    /// Answers with the request echoed: method, path, query and User-Agent as headers, body as body.
    static let echo: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        var headers: [(name: String, value: String)] = [
            ("X-Method", request.method), ("X-Path", request.path),
            ("X-Agent", request.header("User-Agent") ?? ""), ("Content-Type", "application/octet-stream"),
        ]
        for (name, value) in request.query.sorted(by: { $0.key < $1.key }) {
            headers.append(("X-Query-\(name)", value))
        }
        return HTTPResponse(status: request.method == "POST" ? 201 : 200, headers: headers, body: request.body)
    }

    /// A started server on 127.0.0.1 and a kernel-chosen port.
    static func start(
        limits: HTTPServerLimits = .init(), log: LogLines = LogLines(),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = echo
    ) throws -> HTTPServer {
        let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: limits, log: log.sink, handler: handler)
        server.start()
        return server
    }
}
