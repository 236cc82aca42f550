import ArdoiseHTTPClient
import ArdoiseHTTPServer
import Testing
@testable import ArdoiseServer

/// Issue 8 item 12: behind nginx the client address comes from the proxy's headers, and only from a
/// proxy the server was told to trust; anyone else's X-Real-IP or X-Forwarded-For is ignored.
@Suite(.timeLimit(.minutes(1))) struct ClientAddressTests {
    static func request(peer: String, _ headers: [(name: String, value: String)] = []) -> HTTPRequest {
        var request = HTTPRequest(method: "GET", target: "/v1/pull", headers: [(name: "Host", value: "x")] + headers)
        request.peer = peer
        return request
    }

    static func trustingTwoProxies() throws -> ClientAddress { try ClientAddress(trustedProxies: ["127.0.0.1", "10.0.0.2"]) }

    @Test func withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
        let request = Self.request(peer: "192.0.2.10:40000", [("X-Real-IP", "203.0.113.7"), ("X-Forwarded-For", "203.0.113.8")])
        #expect(ClientAddress().of(request) == "192.0.2.10")
        #expect(ClientAddress().of(Self.request(peer: "")) == "local")
    }

    @Test func aTrustedProxyNamesTheClientWithXRealIP() throws {
        let proxy = try Self.trustingTwoProxies()
        let request = Self.request(peer: "127.0.0.1:51000", [("X-Real-IP", "203.0.113.7"), ("X-Forwarded-For", "198.51.100.1")])
        #expect(proxy.of(request) == "203.0.113.7")
        #expect(proxy.of(Self.request(peer: "127.0.0.1:51000", [("x-real-ip", " 2001:DB8::0001 ")])) == "2001:db8::1")
    }

    @Test func anUntrustedPeerCannotSpoofTheHeaders() throws {
        let proxy = try Self.trustingTwoProxies()
        let forged = Self.request(peer: "192.0.2.10:40000", [("X-Real-IP", "127.0.0.1"), ("X-Forwarded-For", "10.0.0.9")])
        #expect(proxy.of(forged) == "192.0.2.10")
    }

    @Test func xForwardedForIsReadFromTheRightSkippingTrustedProxies() throws {
        let proxy = try Self.trustingTwoProxies()
        // The client wrote "1.1.1.1" itself; nginx appended what it saw. Only the right end is believed.
        let appended = Self.request(peer: "127.0.0.1:51000", [("X-Forwarded-For", "1.1.1.1, 203.0.113.7")])
        #expect(proxy.of(appended) == "203.0.113.7")
        // Two trusted hops (a load balancer at 10.0.0.2, then nginx), and the list split over two lines.
        let chained = Self.request(peer: "127.0.0.1:51000", [("X-Forwarded-For", "1.1.1.1, 198.51.100.4"),
                                                             ("X-Forwarded-For", "10.0.0.2")])
        #expect(proxy.of(chained) == "198.51.100.4")
        // Garbage where an address should be: the proxy's own address, never the garbage.
        #expect(proxy.of(Self.request(peer: "127.0.0.1:51000", [("X-Forwarded-For", "1.1.1.1, evil")])) == "127.0.0.1")
        #expect(proxy.of(Self.request(peer: "127.0.0.1:51000", [("X-Real-IP", "unknown")])) == "127.0.0.1")
        #expect(proxy.of(Self.request(peer: "127.0.0.1:51000")) == "127.0.0.1")
    }

    @Test func onlyAddressesCanBeTrusted() throws {
        #expect(throws: ServerError.self) { try ClientAddress(trustedProxies: ["localhost"]) }
        #expect(throws: ServerError.self) { try ClientAddress(trustedProxies: ["10.0.0.0/8"]) }
        #expect(try ClientAddress(trustedProxies: [" ::1 ", "127.0.0.1"]).trustedProxies == ["::1", "127.0.0.1"])
    }

    /// Through the real server: a refused token is counted and audited against the address the trusted
    /// proxy names, so one client's failures do not block another client behind the same proxy.
    @Test func theRateLimitsAndTheAuditUseTheAddressFromTheTrustedProxy() throws {
        var limits = RateLimits()
        limits.authFailures = .init(burst: 2, perMinute: 1)
        limits.clientAddress = try ClientAddress(trustedProxies: ["127.0.0.1"])
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        let (_, token) = try running.fixture.enrol()
        func pull(_ token: String, from client: String) throws -> Int {
            let headers = [(name: "Authorization", value: "Bearer \(token)"), (name: "X-Real-IP", value: client)]
            let response = try running.client.send(method: "GET", url: running.server.url + "/v1/pull", headers: headers)
            return response.status
        }
        #expect(try pull("wrong", from: "203.0.113.7") == 401)
        #expect(try pull("wrong", from: "203.0.113.7") == 401)
        #expect(try pull("wrong", from: "203.0.113.7") == 429)
        // A valid token is never refused for its address's failures (issue 8 item 6).
        #expect(try pull(token, from: "203.0.113.7") == 200)
        #expect(try pull("wrong", from: "198.51.100.4") == 401, "another client behind the same proxy is not blocked")
        running.fixture.central.audit.flushRefusals()
        let refusals = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        #expect(refusals.contains { $0.detail.hasPrefix("GET /v1/pull 401 from 203.0.113.7: ") }, "\(refusals.map(\.detail))")
        #expect(refusals.contains { $0.detail.hasPrefix("GET /v1/pull 401 from 198.51.100.4: ") })
        #expect(refusals.contains { $0.actor == "203.0.113.7" && $0.detail.contains("429") })
    }

    @Test func withoutTrustAForgedXRealIPSentStraightToTheServerIsIgnored() throws {
        let running = try CentralHTTPTests.Running()
        defer { running.server.stop() }
        let status = try running.client.send(method: "GET", url: running.server.url + "/v1/pull",
                                             headers: [(name: "Authorization", value: "Bearer wrong"),
                                                       (name: "X-Real-IP", value: "203.0.113.7")]).status
        #expect(status == 401)
        let refusals = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        #expect(refusals.map(\.detail).first?.contains("401 from 127.0.0.1:") == true, "\(refusals.map(\.detail))")
    }
}
