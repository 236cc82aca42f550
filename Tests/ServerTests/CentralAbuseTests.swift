import ArdoiseHTTPClient
import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Glibc
import Testing
import TestSupport

/// Issue 3 item 10: the central server stays up and answers within bounds under slow clients, many idle
/// connections, oversized heads and bodies and malformed JSON; each gets a clear 4xx and is logged.
@Suite(.timeLimit(.minutes(1))) struct CentralAbuseTests {
    @Test func abusiveClientsGetTheir4xxWhileANodeIsServed() throws {
        var limits = HTTPServerLimits()
        limits.headerReadTimeout = 0.5
        limits.idleTimeout = 1
        limits.maxConnections = 64
        let log = LogLines()
        let fixture = try Fixture()
        let server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, limits: limits, log: log.sink)
        server.start()
        defer { server.stop() }
        let port = try #require(UInt16(server.url.split(separator: ":").last ?? ""))
        let (_, token) = try fixture.enrol()
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 5)
        let auth = [(name: "Authorization", value: "Bearer \(token)")]

        // Many idle connections and a slowloris trickling its head.
        let idle = try (0..<40).map { _ in try RawSocket(port: port) }
        let slow = try RawSocket(port: port)
        slow.send("GET /v1/pull HTTP/1.1\r\nHost: x\r\n")
        // A node is still served, promptly.
        let started = Date()
        #expect(try client.send(method: "GET", url: server.url + "/v1/pull?cursor=0", headers: auth).status == 200)
        #expect(Date().timeIntervalSince(started) < 1)
        slow.send("X-Slow: 1\r\n")
        let cut = slow.readUntilClosed(timeout: 3)
        #expect(cut.eof && String(decoding: cut.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408"))

        let bigHeader = try client.send(method: "GET", url: server.url + "/v1/pull", headers: auth + [(name: "X-Big", value: String(repeating: "a", count: 40_000))])
        #expect(bigHeader.status == 431)
        let huge = try RawSocket(port: port)
        huge.send("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n{")
        #expect(String(decoding: huge.readUntilClosed(timeout: 3).bytes, as: UTF8.self).hasPrefix("HTTP/1.1 413"))
        let malformed = try client.send(method: "POST", url: server.url + "/v1/push", headers: auth, body: Array("{\"operations\": [".utf8))
        #expect(malformed.status == 400)
        let smuggled = try RawSocket(port: port)
        smuggled.send("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(String(decoding: smuggled.readUntilClosed(timeout: 3).bytes, as: UTF8.self).hasPrefix("HTTP/1.1 400"))

        // The idle ones are closed once idle too long; the server still answers.
        #expect(idle.allSatisfy { $0.readUntilClosed(timeout: 3).eof })
        #expect(try client.send(method: "GET", url: server.url + "/v1/health").status == 200)
        let lines = log.all
        for status in ["408", "413", "400"] {
            #expect(lines.contains { $0.contains("rejected") && $0.contains(status) }, "no log line for \(status): \(lines)")
        }
        #expect(lines.contains { $0.contains("431") })
        #expect(lines.contains { $0.contains("POST /v1/push 400") })
    }
}
