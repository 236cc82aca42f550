import ArdoiseHTTPClient
import ArdoiseHTTPServer
import Foundation
import TestSupport
import Testing

/// The server facing misbehaving clients, over raw sockets.
@Suite("Server robustness", .timeLimit(.minutes(1)))
struct ServerRobustnessTests {
    @Test func malformedRequestGets400AndServerKeepsServing() throws {
        let log = LogLines()
        let server = try TestServer.start(log: log)
        defer { server.stop() }

        let bad = try RawSocket(port: server.port)
        bad.send("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n")
        let (bytes, eof) = bad.readUntilClosed(timeout: 5)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(text.contains("Connection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\ninvalid character in header name\n"))
        #expect(eof)
        #expect(log.all.contains { $0.hasPrefix("rejected 127.0.0.1:") && $0.hasSuffix("400 invalid character in header name") })

        let good = try RawSocket(port: server.port)
        good.send("GET /ok HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let reply = String(decoding: good.readUntilClosed(timeout: 5).bytes, as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(reply.contains("X-Path: /ok\r\n"))
    }

    @Test func slowHeadIsCutOffWhileOthersAreServed() throws {
        var limits = HTTPServerLimits()
        limits.headerReadTimeout = 0.3
        let server = try TestServer.start(limits: limits)
        defer { server.stop() }

        let started = Date()
        let slow = try RawSocket(port: server.port)
        slow.send("GET /slow HTTP/1.1\r\nHost: h\r\nX-Half")
        // Another client is served meanwhile.
        let other = try HTTPClient().send(method: "GET", url: "http://127.0.0.1:\(server.port)/other")
        #expect(other.status == 200)

        let (bytes, eof) = slow.readUntilClosed(timeout: 5)
        let elapsed = Date().timeIntervalSince(started)
        #expect(eof)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(elapsed >= 0.25 && elapsed < 3, "closed after \(elapsed) s")
    }

    @Test func silentConnectionIsClosedWithoutAResponse() throws {
        var limits = HTTPServerLimits()
        limits.headerReadTimeout = 0.2
        let server = try TestServer.start(limits: limits)
        defer { server.stop() }
        let silent = try RawSocket(port: server.port)
        let (bytes, eof) = silent.readUntilClosed(timeout: 5)
        #expect(eof && bytes.isEmpty)
    }

    @Test func oversizedBodyGets413BeforeItIsSent() throws {
        var limits = HTTPServerLimits()
        limits.maxBodyBytes = 1 << 20
        let server = try TestServer.start(limits: limits)
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        // Announce 100 MB, send only the head and 4 KiB: the answer must come anyway.
        socket.send("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 100000000\r\n\r\n")
        socket.send([UInt8](repeating: 0x61, count: 4096))
        let (bytes, eof) = socket.readUntilClosed(timeout: 5)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"))
        #expect(text.contains("exceeds the limit of 1048576"))
        #expect(eof)
    }

    @Test func expectContinueGetsContinueThenTheResponse() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        socket.send("PUT /c HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        #expect(socket.read(until: "\r\n\r\n", timeout: 5) == "HTTP/1.1 100 Continue\r\n\r\n")
        socket.send("data")
        let reply = socket.read(until: "data", timeout: 5)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n") && reply.hasSuffix("\r\n\r\ndata"))
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        socket.send(
            "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\none"
                + "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let text = String(decoding: socket.readUntilClosed(timeout: 5).bytes, as: UTF8.self)
        let paths = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("X-Path: ") }
        #expect(paths == ["X-Path: /1", "X-Path: /2", "X-Path: /3"])
        #expect(text.components(separatedBy: "HTTP/1.1 ").count == 4)
        #expect(server.acceptedConnections == 1)
    }

    @Test func http10ClosesByDefault() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let socket = try RawSocket(port: server.port)
        socket.send("HEAD /old HTTP/1.0\r\n\r\n")
        let (bytes, eof) = socket.readUntilClosed(timeout: 5)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(eof)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n") && text.contains("Connection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))  // HEAD: no body
    }

    @Test func connectionsOverTheBoundGet503() throws {
        var limits = HTTPServerLimits()
        limits.maxConnections = 1
        let log = LogLines()
        let server = try TestServer.start(limits: limits, log: log)
        defer { server.stop() }
        let holder = try RawSocket(port: server.port)
        let deadline = Date().addingTimeInterval(5)
        while server.openConnections < 1 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let refused = try HTTPClient().send(method: "GET", url: "http://127.0.0.1:\(server.port)/")
        #expect(refused.status == 503)
        #expect(log.all.contains { $0.contains("503 too many connections") })
        withExtendedLifetime(holder) {}
    }

    @Test func stopClosesIdleConnectionsPromptly() throws {
        let server = try TestServer.start()
        let socket = try RawSocket(port: server.port)
        socket.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(socket.read(until: "\r\n\r\n", timeout: 5).hasPrefix("HTTP/1.1 200"))
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(socket.readUntilClosed(timeout: 2).eof)
        #expect(throws: HTTPClientError.self) {
            try HTTPClient(connectTimeout: 1).send(method: "GET", url: "http://127.0.0.1:\(server.port)/")
        }
    }

    @Test func bindingATakenPortThrowsADescriptiveError() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let error = try #require(throws: HTTPServerError.self) {
            try HTTPServer(port: server.port) { _ in .text(200, "") }
        }
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(error.code == EADDRINUSE)
    }
}
