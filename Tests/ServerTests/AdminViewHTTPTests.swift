import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 7 over a real server on 127.0.0.1: the admin routes of the sheet views, and refusals of the
/// manager's requests audited as the manager's.
@Suite(.timeLimit(.minutes(1))) struct AdminViewHTTPTests {
    func adminToken(_ running: CentralHTTPTests.Running) throws -> String {
        try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
    }

    @Test func theAdminAPIServesALotAndASheetAnd404sTheUnknown() throws {
        let running = try CentralHTTPTests.Running()
        defer { running.server.stop() }
        let (node, nodeToken) = try running.fixture.enrol()
        var ops = OperationMaker(node)
        _ = try running.fixture.central.push.push(node: node, operations: [ops.fullGrade("K2", level: "C")])
        let token = try adminToken(running)

        let lot = try running.send("GET", "/v1/admin/lots/L1", token: token)
        #expect(lot.status == 200)
        let snapshot = try JSONCoding.decode(LotSnapshot.self, from: lot.body)
        #expect(snapshot.lines.map(\.candidate) == ["K1", "K2"] && snapshot.lines.map(\.status) == ["not graded", "8/20"])
        let sheet = try running.send("GET", "/v1/admin/sheets/T011B/K2", token: token)
        #expect(sheet.status == 200)
        #expect(try JSONCoding.decode(SheetSnapshot.self, from: sheet.body).total == 8)

        let unknown = try running.send("GET", "/v1/admin/lots/L%20NONE", token: token)
        #expect(unknown.status == 404 && running.error(unknown) == "unknown lot L NONE")
        let outside = try running.send("GET", "/v1/admin/sheets/T011B/K404", token: token)
        #expect(outside.status == 404 && running.error(outside) == "candidate K404 is in no lot of épreuve T011B")
        // A node's token does not open the admin views.
        #expect(try running.send("GET", "/v1/admin/lots/L1", token: nodeToken).status == 401)
    }

    @Test func aRefusalIsAuditedAsWhoeverTheTokenNames() throws {
        let running = try CentralHTTPTests.Running()
        defer { running.server.stop() }
        let body = try JSONCoding.encode(LotActionRequest(lot: "L1", why: "test"))
        // E1 signed in as themselves is an examiner, who may not unlock: the refusal is E1's, not a name typed by someone.
        let refused = try running.send("POST", "/v1/people/unlock", token: try running.fixture.signIn("E1"), body: body)
        #expect(refused.status == 403 && running.error(refused).contains("E1 may not unlock the lots of T011B at C1"))
        #expect(try running.send("POST", "/v1/people/unlock", token: try adminToken(running), body: body).status == 401)
        #expect(try running.send("POST", "/v1/people/unlock", token: nil, body: body).status == 401)

        let audited = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        #expect(audited.map(\.actor) == ["E1", "manager", "anonymous"])
        #expect(audited.first?.detail == "POST /v1/people/unlock 403 from 127.0.0.1: E1 may not unlock the lots of T011B at C1: "
                + "only a coordinator of T011B, its referent at C1 or the staff of centre C1 may (D6)")
    }
}
