import ArdoiseGzip
import ArdoiseHTTPClient
import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 12: gzip where it pays, over a real server on 127.0.0.1. A push may come gzip'd (inflated
/// within the route's cap), pull pages go gzip'd to clients that accept it, and anything else about
/// encodings is refused without storing a thing.
@Suite(.timeLimit(.minutes(1))) struct WireGzipTests {
    struct Running {
        let fixture: Fixture
        let server: CentralServer
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 10)
        let node: NodeIdentity
        let token: String

        init() throws {
            fixture = try Fixture()
            server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, log: { _ in })
            server.start()
            (node, token) = try fixture.enrol()
        }

        func push(_ body: [UInt8], encoding: String?) throws -> HTTPClientResponse {
            var headers = [(name: "Authorization", value: "Bearer \(token)")]
            if let encoding { headers.append((name: "Content-Encoding", value: encoding)) }
            return try client.send(method: "POST", url: server.url + "/v1/push", headers: headers, body: body)
        }

        func held() throws -> Int { try fixture.central.nodes.receivedOperations(node: node.id).count }
    }

    /// Four full grades: over the kilobyte from which a node gzips.
    static func grades(_ node: NodeIdentity) throws -> [UInt8] {
        var maker = OperationMaker(node)
        let grades = [("K1", "A"), ("K2", "B"), ("K1", "C"), ("K2", "D")].map { maker.fullGrade($0.0, level: $0.1) }
        return try JSONCoding.encode(PushRequest(operations: grades))
    }

    @Test func aGzipPushIsInflatedAndAppliedOnce() throws {
        let running = try Running()
        defer { running.server.stop() }
        let json = try Self.grades(running.node)
        let packed = try Gzip.compress(json)
        #expect(json.count >= Gzip.worthFrom && packed.count < json.count / 2)
        let response = try running.push(packed, encoding: "gzip")
        #expect(response.status == 200)
        #expect(try JSONCoding.decode(PushResponse.self, from: response.body).results.map(\.outcome) == Array(repeating: .applied, count: 4))
        // The same batch again, plain this time: acknowledged without effect.
        let again = try running.push(json, encoding: nil)
        #expect(try JSONCoding.decode(PushResponse.self, from: again.body).results.map(\.outcome) == Array(repeating: .duplicate, count: 4))
        #expect(try running.held() == 4)
    }

    @Test func pullPagesGoGzipToClientsThatAcceptIt() throws {
        let running = try Running()
        defer { running.server.stop() }
        #expect(try running.push(try Self.grades(running.node), encoding: nil).status == 200)
        let auth = (name: "Authorization", value: "Bearer \(running.token)")
        // libcurl asks for gzip and inflates: the caller sees the JSON, the header says how it came.
        let pulled = try running.client.send(method: "GET", url: running.server.url + "/v1/pull?cursor=0", headers: [auth])
        #expect(pulled.status == 200)
        #expect(pulled.headers.contains { $0.name.lowercased() == "content-encoding" && $0.value == "gzip" })
        let page = try JSONCoding.decode(PullResponse.self, from: pulled.body)
        #expect(!page.changes.isEmpty && pulled.body.count >= Gzip.worthFrom)
        // Without Accept-Encoding (or with gzip refused) the same page comes as plain JSON.
        for headers in [[auth], [auth, (name: "Accept-Encoding", value: "gzip;q=0, identity")]] {
            let plain = running.server.respond(to: HTTPRequest(method: "GET", target: "/v1/pull?cursor=0", headers: headers))
            #expect(!plain.headers.contains { $0.name.lowercased() == "content-encoding" })
            #expect(try JSONCoding.decode(PullResponse.self, from: plain.body).changes.map(\.rev) == page.changes.map(\.rev))
        }
        let packed = running.server.respond(to: HTTPRequest(method: "GET", target: "/v1/pull?cursor=0",
                                                            headers: [auth, (name: "Accept-Encoding", value: "br, gzip")]))
        #expect(try JSONCoding.decode(PullResponse.self, from: try Gzip.decompress(packed.body, limit: 1 << 20)).changes.count == page.changes.count)
    }

    /// 17 MiB of zeros gzip to 17 KiB: inflating stops at the push cap, 413, nothing stored.
    @Test func aBodyThatInflatesPastTheCapIs413() throws {
        let running = try Running()
        defer { running.server.stop() }
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 17 << 20))
        #expect(bomb.count < 64 << 10)
        #expect(try running.push(bomb, encoding: "gzip").status == 413)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(bomb, limit: 16 << 20) }
        #expect(try running.held() == 0)
    }

    @Test func otherCodingsAre415AndBrokenGzipIs400() throws {
        let running = try Running()
        defer { running.server.stop() }
        let json = try Self.grades(running.node)
        let packed = try Gzip.compress(json)
        #expect(try running.push(json, encoding: "br").status == 415)
        #expect(try running.push(json, encoding: "gzip").status == 400, "plain JSON announced as gzip")
        #expect(try running.push(Array(packed.dropLast(9)), encoding: "gzip").status == 400, "truncated")
        #expect(try running.push(packed + [0x1f], encoding: "gzip").status == 400, "followed by garbage")
        #expect(try running.held() == 0)
        #expect(try running.push(json, encoding: "identity").status == 200)
    }

    @Test func acceptEncodingIsReadAsRFC9110Says() {
        #expect(Gzip.accepted(by: "gzip"))
        #expect(Gzip.accepted(by: "deflate, GZIP;q=0.5"))
        #expect(Gzip.accepted(by: "x-gzip"))
        #expect(!Gzip.accepted(by: nil))
        #expect(!Gzip.accepted(by: "br, identity"))
        #expect(!Gzip.accepted(by: "gzip;q=0"))
        #expect(!Gzip.accepted(by: "gzip; q=0.000"))
    }
}
