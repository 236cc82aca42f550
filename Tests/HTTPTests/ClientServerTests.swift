import ArdoiseHTTPServer
import Foundation
import TestSupport
import Testing

@testable import ArdoiseHTTPClient

/// The libcurl client against the socket server, both for real on 127.0.0.1.
@Suite("Client and server", .timeLimit(.minutes(1)))
struct ClientServerTests {
    @Test func getAndPostRoundTrip() throws {
        let log = LogLines()
        let server = try TestServer.start(log: log)
        defer { server.stop() }
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(server.port)"

        let get = try client.send(method: "GET", url: "\(base)/v1/pull?cursor=3&q=a%2Bb")
        #expect(get.status == 200)
        #expect(get.header("x-method") == "GET")
        #expect(get.header("X-Path") == "/v1/pull")
        #expect(get.header("X-Query-cursor") == "3")
        #expect(get.header("X-Query-q") == "a+b")
        #expect(get.header("X-Agent") == "ardoise/1")
        #expect(get.header("Content-Length") == "0")
        #expect(get.body.isEmpty)

        var generator = SplitMix64(seed: 42)
        let binary = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let post = try client.send(
            method: "POST", url: "\(base)/v1/push", headers: [("Content-Type", "application/octet-stream")], body: binary)
        #expect(post.status == 201)
        #expect(post.header("X-Method") == "POST")
        #expect(post.body == binary)
        #expect(log.all.contains { $0.hasPrefix("POST /v1/push 201 1048576B") })
    }

    @Test func putDeleteAndEmptyBodies() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let client = HTTPClient()
        let url = "http://127.0.0.1:\(server.port)/item"
        let put = try client.send(method: "PUT", url: url, body: Array("new".utf8))
        #expect(put.header("X-Method") == "PUT" && put.body == Array("new".utf8))
        let delete = try client.send(method: "DELETE", url: url)
        #expect(delete.header("X-Method") == "DELETE" && delete.body.isEmpty)
        let emptyPost = try client.send(method: "POST", url: url, body: [])
        #expect(emptyPost.status == 201 && emptyPost.body.isEmpty)
        // After PUT/DELETE the handle must be back to a plain GET.
        let get = try client.send(method: "GET", url: url)
        #expect(get.header("X-Method") == "GET")
    }

    @Test func sequentialRequestsReuseOneConnection() throws {
        let server = try TestServer.start()
        defer { server.stop() }
        let client = HTTPClient()
        for index in 0..<10 {
            let response = try client.send(
                method: index.isMultiple(of: 2) ? "GET" : "POST", url: "http://127.0.0.1:\(server.port)/n/\(index)",
                body: index.isMultiple(of: 2) ? nil : Array("\(index)".utf8))
            #expect(response.header("X-Path") == "/n/\(index)")
        }
        #expect(server.acceptedConnections == 1)
    }

    @Test func slowHandlerDoesNotBlockOtherConnections() throws {
        // The slow handler holds its connection until the fast request has been answered: ordered by
        // semaphores, not by sleeping. A server that served one connection at a time would time out.
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let server = try TestServer.start { request in
            if request.path == "/slow" {
                entered.signal()
                _ = release.wait(timeout: .now() + 10)
            }
            return .text(200, request.path)
        }
        defer { server.stop() }
        let port = server.port
        let slowDone = DispatchSemaphore(value: 0)
        Thread {
            _ = try? HTTPClient().send(method: "GET", url: "http://127.0.0.1:\(port)/slow")
            slowDone.signal()
        }.start()
        #expect(entered.wait(timeout: .now() + 10) == .success)
        let fast = try HTTPClient(totalTimeout: 5).send(method: "GET", url: "http://127.0.0.1:\(port)/fast")
        #expect(String(decoding: fast.body, as: UTF8.self) == "/fast")
        release.signal()
        slowDone.wait()
    }

    @Test func closedPortGivesAnErrorNamingTheURL() throws {
        let server = try TestServer.start()
        let port = server.port
        server.stop()
        let url = "http://127.0.0.1:\(port)/v1/push"
        let error = try #require(throws: HTTPClientError.self) {
            try HTTPClient(connectTimeout: 2).send(method: "POST", url: url, body: [1, 2, 3])
        }
        #expect(error.code == 7)
        #expect(error.isRetryable)
        #expect(error.description.hasPrefix("could not connect to \(url): Connection refused ("))
        #expect(error.systemError == "Connection refused")
        #expect(!error.message.isEmpty)
    }

    @Test func slowResponseTimesOut() throws {
        let server = try TestServer.start { _ in
            Thread.sleep(forTimeInterval: 1)
            return .text(200, "late")
        }
        defer { server.stop() }
        let error = try #require(throws: HTTPClientError.self) {
            try HTTPClient(totalTimeout: 0.2).send(method: "GET", url: "http://127.0.0.1:\(server.port)/slow")
        }
        #expect(error.code == 28)
        #expect(error.isRetryable)
        #expect(error.description.hasPrefix("timed out waiting for http://127.0.0.1:\(server.port)/slow: "))
    }

    @Test func responseOverTheLimitIsAnError() throws {
        let server = try TestServer.start { _ in HTTPResponse(status: 200, body: [UInt8](repeating: 7, count: 5000)) }
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/big"
        let error = try #require(throws: HTTPClientError.self) {
            try HTTPClient(maxResponseBytes: 4999).send(method: "GET", url: url)
        }
        #expect(error.message == "response larger than 4999 bytes")
        #expect(error.description.contains(url))
        #expect(try HTTPClient(maxResponseBytes: 5000).send(method: "GET", url: url).body.count == 5000)
    }

    @Test func writeCallbackCapsBodiesWithoutContentLength() {
        let sink = ResponseSink()
        sink.reset(limit: 10)
        let accepted = [UInt8](repeating: 1, count: 6).withUnsafeBytes { sink.appendBody($0) }
        let refused = [UInt8](repeating: 1, count: 6).withUnsafeBytes { sink.appendBody($0) }
        #expect(accepted && !refused && sink.exceeded && sink.body.count == 6)
    }

    @Test func invalidHeaderValuesAreRefusedBeforeSending() throws {
        let error = try #require(throws: HTTPClientError.self) {
            try HTTPClient().send(method: "GET", url: "http://127.0.0.1:9/", headers: [("X", "a\r\nInjected: 1")])
        }
        #expect(error.code == 43)
    }

    @Test func overLimitBodyGets413ThroughTheClient() throws {
        var limits = HTTPServerLimits()
        limits.maxBodyBytes = 1024
        let server = try TestServer.start(limits: limits)
        defer { server.stop() }
        let response = try HTTPClient().send(
            method: "POST", url: "http://127.0.0.1:\(server.port)/", body: [UInt8](repeating: 0, count: 2048))
        #expect(response.status == 413)
        #expect(response.header("Connection") == "close")
    }
}
