import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Testing

/// Issue 8 item 1, the attack as it was made: requests with a bad token and an 8 KiB target, many times.
/// Refusals are counted per client and minute, so the audit log and the database stay small.
@Suite(.timeLimit(.minutes(1))) struct RefusalFloodTests {
    @Test func aFloodOfRefusedRequestsWritesAFewShortEntries() throws {
        let fixture = try Fixture()
        // One minute for the whole flood, whatever the wall clock does meanwhile.
        let central = Central(store: fixture.store, wall: WallClock { 1_800_000_000 })
        var limits = RateLimits()
        limits.authFailures = .init(burst: 100_000, perMinute: 100_000)  // every request reaches the token check
        let server = try CentralServer(central: central, host: "127.0.0.1", port: 0, rateLimits: limits, log: { _ in })
        server.start()
        defer { server.stop() }
        let before = try central.audit.entries().count
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 10)
        let url = server.url + "/v1/admin/lots?" + String(repeating: "A", count: 8_000)
        for _ in 0..<300 {
            #expect(try client.send(method: "GET", url: url, headers: [(name: "Authorization", value: "Bearer wrong")]).status == 401)
        }
        central.audit.flushRefusals()
        let added = try central.audit.entries().dropFirst(before)
        #expect(added.count == 2, "\(added.map(\.detail))")
        #expect(added.allSatisfy { $0.detail.utf8.count <= 200 })
        #expect(added.last?.detail.hasPrefix("299 more refused requests from 127.0.0.1") == true)
    }
}
