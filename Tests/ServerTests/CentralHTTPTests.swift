import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// The `/v1` API over a real server on 127.0.0.1: tokens on every request, refusals change nothing.
@Suite(.timeLimit(.minutes(1))) struct CentralHTTPTests {
    struct Running {
        let fixture: Fixture
        let server: CentralServer
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 10)

        init(rateLimits: RateLimits = .init()) throws {
            fixture = try Fixture()
            server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, rateLimits: rateLimits, log: { _ in })
            server.start()
        }

        func send(_ method: String, _ path: String, token: String? = nil, body: [UInt8]? = nil) throws -> HTTPClientResponse {
            var headers: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json")]
            if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
            return try client.send(method: method, url: server.url + path, headers: headers, body: body)
        }

        func error(_ response: HTTPClientResponse) -> String {
            (try? JSONCoding.decode(ErrorBody.self, from: response.body).error) ?? ""
        }
    }

    func pushBody(_ node: NodeIdentity) throws -> [UInt8] {
        var ops = OperationMaker(node)
        return try JSONCoding.encode(PushRequest(operations: [ops.make(["subject": "S1"])]))
    }

    @Test func withoutAValidTokenEveryNodeEndpointAnswers401AndChangesNothing() throws {
        let running = try Running()
        defer { running.server.stop() }
        let (node, token) = try running.fixture.enrol()
        let body = try pushBody(node)
        for token in [nil, "forged-token"] as [String?] {
            #expect(try running.send("POST", "/v1/push", token: token, body: body).status == 401)
            #expect(try running.send("GET", "/v1/pull?cursor=0", token: token).status == 401)
            #expect(try running.send("GET", "/v1/reference", token: token).status == 401)
        }
        #expect(try running.fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 10).changes.isEmpty)
        let accepted = try running.send("POST", "/v1/push", token: token, body: body)
        #expect(accepted.status == 200)
        #expect(try JSONCoding.decode(PushResponse.self, from: accepted.body).acknowledged == 1)
    }

    @Test func enrolPullAndReferenceOverTheWire() throws {
        let running = try Running()
        defer { running.server.stop() }
        let code = try running.fixture.central.enrolment.issueCode(centre: Fixture.centre)
        let enrolled = try running.send("POST", "/v1/enrol", body: try JSONCoding.encode(EnrolRequest(code: code.code, label: "PC")))
        #expect(enrolled.status == 200)
        let token = try JSONCoding.decode(EnrolResponse.self, from: enrolled.body).token
        let reused = try running.send("POST", "/v1/enrol", body: try JSONCoding.encode(EnrolRequest(code: code.code, label: "PC")))
        #expect(reused.status == 403 && running.error(reused).contains("already used"))
        let reference = try JSONCoding.decode(ReferenceSnapshot.self, from: try running.send("GET", "/v1/reference", token: token).body)
        #expect(reference.lots.map(\.id) == ["L1", "L3"] && !reference.candidates.contains { $0.number == "K9" })
        let pull = try running.send("GET", "/v1/pull?cursor=0&limit=10", token: token)
        #expect(pull.status == 200)
        let page = try JSONCoding.decode(PullResponse.self, from: pull.body)
        #expect(page.referenceVersion == reference.version)
    }

    @Test func malformedBodiesAndParametersAre400WithAMessage() throws {
        let running = try Running()
        defer { running.server.stop() }
        let (_, token) = try running.fixture.enrol()
        let broken = try running.send("POST", "/v1/push", token: token, body: Array(#"{"operations":[{"seq":"one"}]}"#.utf8))
        #expect(broken.status == 400 && running.error(broken).contains("operations[0]"))
        let notJSON = try running.send("POST", "/v1/push", token: token, body: Array("garbage".utf8))
        #expect(notJSON.status == 400)
        let cursor = try running.send("GET", "/v1/pull?cursor=-4", token: token)
        #expect(cursor.status == 400 && running.error(cursor).contains("cursor"))
        let version = try running.send("GET", "/v2/pull", token: token)
        #expect(version.status == 404 && running.error(version).contains("/v1"))
        // Still serving after all that.
        #expect(try running.send("GET", "/v1/health").status == 200)
    }

    @Test func adminEndpointsNeedTheOwnersToken() throws {
        let running = try Running()
        defer { running.server.stop() }
        let (_, nodeToken) = try running.fixture.enrol()
        #expect(try running.send("GET", "/v1/admin/lots").status == 401)
        #expect(try running.send("GET", "/v1/admin/lots", token: nodeToken).status == 401)
        let adminToken = try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
        let lots = try running.send("GET", "/v1/admin/lots", token: adminToken)
        #expect(lots.status == 200)
        let summaries = try JSONCoding.decode([LotSummary].self, from: lots.body)
        #expect(summaries.count == 3)
        let attributes = try FileManager.default.attributesOfItem(atPath: CentralServer.adminTokenPath(running.fixture.folder))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func routesDeclareTheirMethodsAndBodyCaps() throws {
        let running = try Running()
        defer { running.server.stop() }
        let (_, token) = try running.fixture.enrol()
        // A known path with the wrong method: 405 naming the methods it has, not 404.
        let wrongMethod = try running.send("GET", "/v1/push", token: token)
        #expect(wrongMethod.status == 405 && wrongMethod.header("Allow") == "POST")
        let health = try running.send("DELETE", "/v1/health")
        #expect(health.status == 405 && health.header("Allow") == "GET, HEAD")
        #expect(try running.send("GET", "/v1/nowhere", token: token).status == 404)
        // Enrolment is a code and a label: a body past its cap is refused before anything is read from it.
        let label = String(repeating: "x", count: 8 << 10)
        let big = try JSONCoding.encode(EnrolRequest(code: "AAAA-BBBB-CCCC", label: label))
        let refused = try running.send("POST", "/v1/enrol", body: big)
        #expect(refused.status == 413 && running.error(refused).contains("4096"))
        // The same size is fine where the route allows it (a push).
        #expect(try running.send("POST", "/v1/push", token: token, body: Array(#"{"operations":[]}"#.utf8) + Array(repeating: 32, count: 8 << 10)).status == 200)
    }
}
