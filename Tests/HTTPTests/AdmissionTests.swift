import ArdoiseHTTPServer
import Foundation
import TestSupport
import Testing

/// `HTTPServer(admit:)`: a head is judged before its body is read and before `100 Continue`.
@Suite("Admission on the head", .timeLimit(.minutes(1)))
struct AdmissionTests {
    static func start(log: LogLines = LogLines()) throws -> HTTPServer {
        let server = try HTTPServer(
            host: "127.0.0.1", port: 0, log: log.sink,
            admit: { head in
                head.path == "/closed" ? .text(403, "no \(head.method) \(head.contentLength) \(head.peer.isEmpty)\n") : nil
            },
            handler: { request in
                .text(200, "\(request.path) admitted=\(request.admitted) \(request.body.count)B\n")
            })
        server.start()
        return server
    }

    @Test func aRefusedHeadIsAnsweredAndClosedWithoutItsBody() throws {
        let log = LogLines()
        let server = try Self.start(log: log)
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        socket.send("POST /closed HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n")
        let (bytes, eof) = socket.readUntilClosed(timeout: 5)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(eof)
        #expect(text.hasPrefix("HTTP/1.1 403 Forbidden\r\n"), "no 100 Continue first: \(text)")
        #expect(text.contains("Connection: close\r\n") && text.hasSuffix("no POST 1000000 false\n"))
        #expect(log.all.contains { $0.hasPrefix("POST /closed 403 ") })
    }

    @Test func anAdmittedHeadGetsContinueThenItsBodyIsRead() throws {
        let server = try Self.start()
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        socket.send("PUT /open HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        #expect(socket.read(until: "\r\n\r\n", timeout: 5) == "HTTP/1.1 100 Continue\r\n\r\n")
        socket.send("data")
        #expect(socket.read(until: "B\n", timeout: 5).hasSuffix("/open admitted=true 4B\n"))
        // A request whose body came with its head, and one without a body, pass the hook too.
        socket.send("POST /open HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nokGET /closed HTTP/1.1\r\nHost: h\r\n\r\n")
        let text = String(decoding: socket.readUntilClosed(timeout: 5).bytes, as: UTF8.self)
        #expect(text.contains("/open admitted=true 2B\n"))
        #expect(text.hasSuffix("no GET 0 false\n"))
    }
}
