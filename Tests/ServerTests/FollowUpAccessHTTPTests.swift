@testable import ArdoiseServer
import ArdoiseHTTPClient
import ArdoiseProtocol
import Foundation
import Testing

/// Issue 10 item 4 (D14, D6, D9): who sees which follow-up, signed in as themselves over HTTP on loopback
/// through the real server (`AccessFixture`'s académie): coordinators their épreuve, a referent and a
/// centre's staff their centre, an examiner their own statistics only, never another's.
@Suite(.timeLimit(.minutes(1))) struct FollowUpAccessHTTPTests {
    typealias F = AccessFixture
    typealias Running = AccessMatrixHTTPTests.Running

    /// KA1 physics 20 by P00001, KA2 physics 14 by the visitor P00037 (both at A), KB1 physics 8 by
    /// P00013 at B, KA1 SVT 8 by P00004 at A: every grade through the merge from a lab PC.
    static func graded() throws -> Running {
        let running = try Running()
        var svt = running.ops.fullGrade("KA1", author: F.examinerSVTatA, lot: "LA-SVT", level: "C")
        svt.epreuve = "T012B"
        svt.proof = ProofKeys.sign(svt)
        let atA = [svt, running.ops.fullGrade("KA1", author: F.examinerPCatA, lot: "LA-PC", level: "A"),
                   running.ops.fullGrade("KA2", author: F.visitor, lot: "LA-PC", level: "B")]
        let outcome = try running.fixture.central.push.push(node: running.node, operations: atA)
        var atB = OperationMaker(try running.fixture.enrol(centre: F.b))
        _ = try running.fixture.central.push.push(node: atB.node, operations: [atB.fullGrade("KB1", author: F.examinerPCatB, lot: "LB-PC", subject: "S2", level: "C")])
        #expect(try running.fixture.central.conflicts.all().isEmpty, "every grade applied: \(outcome)")
        return running
    }

    /// What each sees: the lots they follow, and the statistics lines (épreuve/corrector, `all` for an épreuve's).
    static let seen: [(role: String, person: String, lots: [String], lines: [String])] = [
        ("coordinator of T011B", F.coordinatorPC, ["LA-PC", "LB-PC"], ["T011B/P00001", "T011B/P00013", "T011B/P00037", "T011B/all"]),
        ("coordinator of T012B", F.coordinatorSVT, ["LA-SVT"], ["T012B/P00004", "T012B/all"]),
        ("referent of T011B at A", F.referentPCatA, ["LA-PC"], ["T011B/P00001", "T011B/P00037", "T011B/all"]),
        ("staff of centre A", F.centreA, ["LA-PC", "LA-SVT"], ["T011B/P00001", "T011B/P00037", "T011B/all", "T012B/P00004", "T012B/all"]),
        ("staff of centre B", F.centreB, ["LB-PC"], ["T011B/P00013", "T011B/all"]),
        ("examiner at A", F.examinerPCatA, [], ["T011B/P00001"]),
        ("examiner from another school at A", F.visitor, [], ["T011B/P00037"]),
        ("examiner at B", F.examinerPCatB, [], ["T011B/P00013"]),
    ]

    static func lines(_ report: FollowUpReport) -> [String] {
        report.statistics.map { "\($0.epreuve)/\($0.examiner ?? "all")" }.sorted()
    }

    @Test func d14EachRoleSeesItsScopeAndAnExaminerOnlyTheirOwn() throws {
        let running = try Self.graded()
        defer { running.server.stop() }
        for row in Self.seen {
            let answer = try running.send("GET", "/v1/people/follow-up", token: try running.fixture.signIn(row.person))
            #expect(answer.status == 200, "\(row.role): \(answer.status)")
            let report = try JSONCoding.decode(FollowUpReport.self, from: answer.body)
            #expect(report.lots.map(\.id) == row.lots, "\(row.role) follows \(report.lots.map(\.id))")
            #expect(Self.lines(report) == row.lines, "\(row.role) sees \(Self.lines(report))")
            let others = report.examiners.map(\.examiner).filter { $0 != row.person }
            #expect(row.lots.isEmpty ? others.isEmpty : true, "\(row.role): an examiner sees no one else's progress: \(others)")
            let body = String(decoding: answer.body, as: UTF8.self)
            #expect(!["KA1", "KA2", "KB1", "Camille", "Lycée"].contains { body.contains($0) }, "D9: no candidate, name or school")
        }
        let own = try JSONCoding.decode(FollowUpReport.self, from: try running.send("GET", "/v1/people/follow-up", token: try running.fixture.signIn(F.examinerPCatA)).body)
        #expect(own.statistics.first?.grades.mean == 20 && own.epreuves.isEmpty && own.centres.isEmpty && own.subjects.isEmpty)
    }

    @Test func d14AnExaminerIsRefusedAnotherExaminersStatisticsAndTheWholeEpreuve() throws {
        let running = try Self.graded()
        defer { running.server.stop() }
        let token = try running.fixture.signIn(F.examinerPCatA)
        func refusal(_ path: String) throws -> String {
            let answer = try running.send("GET", path, token: token)
            return "\(answer.status) " + String(decoding: answer.body, as: UTF8.self)
        }
        let other = try refusal("/v1/people/follow-up?examiner=\(F.visitor)")
        #expect(other.hasPrefix("403") && other.contains("may not see the statistics of \(F.visitor): a corrector sees their own") && other.contains("(D14, D6)"), "\(other)")
        #expect(try refusal("/v1/people/follow-up/histogram?epreuve=T011B&examiner=\(F.visitor)").hasPrefix("403"))
        let whole = try refusal("/v1/people/follow-up/histogram?epreuve=T011B")
        #expect(whole.hasPrefix("403") && whole.contains("may not see the statistics of the whole épreuve T011B"), "\(whole)")
        let elsewhere = try refusal("/v1/people/follow-up?epreuve=T012B")
        #expect(elsewhere.hasPrefix("403") && elsewhere.contains("may not see the follow-up of T012B"), "\(elsewhere)")
        #expect(try refusal("/v1/people/follow-up?epreuve=NOPE").hasPrefix("404"))
        let nobody = try running.send("GET", "/v1/people/follow-up", token: try running.fixture.signIn(F.staffOnly))
        #expect(nobody.status == 403, "a member of staff convoked nowhere follows nothing")

        // Their own histogram, as SVG.
        let own = try running.send("GET", "/v1/people/follow-up/histogram?epreuve=T011B&examiner=\(F.examinerPCatA)", token: token)
        #expect(own.status == 200 && own.header("Content-Type")?.hasPrefix("image/svg+xml") == true)
        let bars = try FollowUpSVGTests.Elements.parse(String(decoding: own.body, as: UTF8.self)).filter { $0.attributes["class"] == "bar" }
        #expect(bars.compactMap { $0.attributes["data-count"] } == (0..<20).map { $0 == 19 ? "1" : "0" }, "one 20/20")

        // A coordinator of another épreuve asking for this examiner sees nothing of theirs.
        let svt = try running.send("GET", "/v1/people/follow-up?examiner=\(F.examinerPCatA)", token: try running.fixture.signIn(F.coordinatorSVT))
        #expect(svt.status == 200)
        #expect(Self.lines(try JSONCoding.decode(FollowUpReport.self, from: svt.body)) == ["T012B/all"])
        let refused = try running.fixture.central.audit.entries().filter { $0.action == "refused" && $0.actor == F.examinerPCatA }
        #expect(refused.contains { $0.detail.contains("a corrector sees their own") }, "refusals are audited with the rule")
    }

    @Test func d14TheManagerSeesEverythingWithTheAdminToken() throws {
        let running = try Self.graded()
        defer { running.server.stop() }
        let admin = try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
        let report = try JSONCoding.decode(FollowUpReport.self, from: try running.send("GET", "/v1/admin/follow-up", token: admin).body)
        #expect(report.lots.map(\.id) == ["LA-PC", "LB-PC", "LA-SVT"])
        #expect(Self.lines(report) == ["T011B/P00001", "T011B/P00013", "T011B/P00037", "T011B/all", "T012B/P00004", "T012B/all"])
        let svg = try running.send("GET", "/v1/admin/follow-up/histogram?epreuve=T011B", token: admin)
        #expect(svg.status == 200)
        #expect(try running.send("GET", "/v1/people/follow-up", token: admin).status == 401, "the admin token is not a person")
    }
}
