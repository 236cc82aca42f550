import ArdoiseProtocol
import ArdoiseServer
import Foundation
import TestSupport
import Testing
@testable import ArdoiseNode

/// A server older than issue 12 reads no gzip body: it answers 400 (its JSON decoder fails) and applies
/// nothing. Everything else goes to the real server on loopback.
final class PlainOnlyTransport: NodeTransport {
    let inner = FaultyTransport()
    private(set) var refused = 0

    func exchange(method: String, url: String, headers: [(name: String, value: String)],
                  body: [UInt8]?) throws -> TransportResponse {
        if headers.contains(where: { $0.name == "Content-Encoding" }) {
            refused += 1
            return TransportResponse(status: 400, body: try JSONCoding.encode(ErrorBody(error: "invalid JSON")))
        }
        return try inner.exchange(method: method, url: url, headers: headers, body: body)
    }
}

@Suite(.timeLimit(.minutes(1))) struct NodeGzipTests {
    /// Issue 12: a push of a kilobyte or more goes gzip'd; refused, the same batch goes again plain,
    /// and is applied once.
    @Test func aServerThatRefusesGzipGetsThePushPlain() throws {
        let central = try LoopbackCentral()
        let transport = PlainOnlyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport.inner)
        for candidate in ["0231", "0232", "0231"] {
            try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: candidate,
                                           subject: "S1", levels: NodeFixture.fullLevels, comment: String(repeating: "soigné ", count: 30))
        }
        let summary = try fixture.node.sync.sync(over: transport)
        #expect(transport.refused == 1)
        #expect(summary.pushed == 3 && summary.applied == 3)
        #expect(try central.central.nodes.receivedOperations(node: try fixture.node.reports.status().node) == [1, 2, 3])
    }
}
