@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10 item 2's rows of the matrix (README "Who may do what"), over HTTP on loopback: every role signed
/// in as themselves builds a group, distributes, reassigns and redistributes at Lycée Ampère (D10, D13, D6).
@Suite(.timeLimit(.minutes(2))) struct DistributionAccessHTTPTests {
    typealias F = AccessFixture
    typealias Running = AccessMatrixHTTPTests.Running

    static let allowed = [F.centreA, F.referentPCatA, F.coordinatorPC]
    static let refused = [F.examinerPCatA, F.visitor, F.centreB, F.coordinatorSVT, F.staffOnly]

    /// The four actions in order, each answer's status; `prefix` is `/v1/people` or `/v1/admin`.
    func act(_ running: Running, prefix: String, token: String) throws -> [String: Int] {
        var statuses: [String: Int] = [:]
        let set = try running.send("POST", prefix + "/groups", token: token,
                                   body: try JSONCoding.encode(GroupRequest(epreuve: "T011B", centre: F.a, examiners: [F.visitor])))
        statuses["groups set"] = set.status
        // Refused, the session file's group and lot stand in (whose existence is no secret to a refusal).
        let made = set.status == 200 ? try JSONCoding.decode(GroupView.self, from: set.body).id : nil
        statuses["groups list"] = try running.send("GET", prefix + "/groups?epreuve=T011B&centre=\(F.a)", token: token).status
        let distribute = DistributeRequest(epreuve: "T011B", centre: F.a, group: made ?? "GA-PC", division: "TG1")
        statuses["distribute"] = try running.send("POST", prefix + "/distribute", token: token, body: try JSONCoding.encode(distribute)).status
        let reassign = ReassignRequest(epreuve: "T011B", candidate: "KA1", lot: made ?? "LA-PC", why: "balance")
        statuses["reassign"] = try running.send("POST", prefix + "/reassign", token: token, body: try JSONCoding.encode(reassign)).status
        let redistribute = RedistributeRequest(lot: "LA-PC", why: "examiner ill")
        statuses["redistribute"] = try running.send("POST", prefix + "/redistribute", token: token,
                                                    body: try JSONCoding.encode(redistribute)).status
        return statuses
    }

    @Test func d13D6TheCentreItsReferentAndTheCoordinatorMayEachOnAFreshDay() throws {
        for person in Self.allowed {
            let running = try Running()
            defer { running.server.stop() }
            let statuses = try act(running, prefix: "/v1/people", token: try running.fixture.signIn(person))
            #expect(statuses.values.allSatisfy { $0 == 200 }, "\(person): \(statuses)")
            let lots = try running.fixture.central.progress.summaries()
            #expect(lots.first { $0.id == "LA-PC" }?.candidates == 0, "\(person): KA1 reassigned, KA2 redistributed")
            let audit = try running.fixture.central.audit.entries().filter { $0.actor == person }.map(\.action)
            #expect(["group-set", "distribute", "reassign", "redistribute"].allSatisfy(audit.contains), "\(person): \(audit)")
        }
    }

    @Test func d13D6ExaminersOtherCentresOtherEpreuvesAndTheUnconvokedMayNot() throws {
        let running = try Running()
        defer { running.server.stop() }
        for person in Self.refused {
            let statuses = try act(running, prefix: "/v1/people", token: try running.fixture.signIn(person))
            #expect(statuses.values.allSatisfy { $0 == 403 }, "\(person): \(statuses)")
        }
        #expect(try running.fixture.central.progress.summaries().first { $0.id == "LA-PC" }?.candidates == 2, "nothing moved")
        // Counted per client and minute: each person's first refusal is written out (the groups set).
        let refusals = try running.fixture.central.audit.entries().filter { $0.action == "refused" }.map(\.detail)
        #expect(refusals.contains { $0.contains("\(F.examinerPCatA) may not distribute the candidates of T011B at 0690001A") })
        #expect(refusals.contains { $0.contains("\(F.centreB) may not distribute the candidates of T011B at 0690001A") })
    }

    @Test func d13TheManagerMayWithTheAdminTokenAndNobodyWithoutOne() throws {
        let running = try Running()
        defer { running.server.stop() }
        let admin = try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
        let statuses = try act(running, prefix: "/v1/admin", token: admin)
        #expect(statuses.values.allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(try running.fixture.central.audit.entries().contains { $0.actor == "manager" && $0.action == "redistribute" })
        // The admin token is not a person, a person's token is not the admin's, a node's is neither.
        let person = try running.fixture.signIn(F.centreA)
        let node = try running.fixture.central.enrolment.enrol(code: try running.fixture.central.enrolment.issueCode(centre: F.a).code,
                                                              label: "PC").token
        for (prefix, token) in [("/v1/people", admin), ("/v1/admin", person), ("/v1/people", node), ("/v1/admin", node)] {
            #expect(try running.send("GET", prefix + "/groups?epreuve=T011B&centre=\(F.a)", token: token).status == 401, "\(prefix)")
        }
    }
}
