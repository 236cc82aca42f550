import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Testing
import TestSupport
@testable import ArdoiseNode

/// ARCHITECTURE "Trust": a revoked token stops sync; re-enrolment keeps everything entered.
@Suite(.timeLimit(.minutes(1))) struct NodeEnrolTests {
    @Test func reEnrolmentKeepsUnsentOperationsRenumberedForTheNewNode() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        try fixture.node.sync.sync(over: transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["ANA": "B"])
        try fixture.node.grading.grade(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0232", subject: "S2")
        _ = try central.central.nodes.revoke(node: "C1-N1", by: "manager")
        #expect(try syncRefusal(fixture, transport).message.contains("refused this node's token"))

        try fixture.node.enrolment.enrol(server: central.url, code: try central.code(), label: "", again: true, over: transport)
        let outbox = try fixture.node.outbox.all()
        #expect(outbox.map(\.seq) == [1, 2] && outbox.allSatisfy { $0.node == "C1-N2" })
        #expect(outbox.map(\.candidate) == ["0231", "0232"])
        #expect(try central.central.nodes.receivedOperations(node: "C1-N1") == [1])
        #expect(try central.central.nodes.receivedOperations(node: "C1-N2") == [1, 2])
        let status = try fixture.node.reports.status()
        #expect(status.node == "C1-N2" && status.pending == 0 && status.awaitingPull == 0)
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .partial(filled: 2, of: 4))
        let next = try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["REA": "A"])
        #expect(next.seq == 3 && next.node == "C1-N2")
    }

    @Test func reEnrolmentIntoAnotherCentreIsRefusedAndChangesNothing() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1")
        let error = try refusal(fixture) {
            try $0.enrolment.enrol(server: central.url, code: try central.code(centre: "C2"), label: "", again: true, over: transport)
        }
        #expect(error.message.contains("the code is for centre C2"))
        #expect(try fixture.node.reports.status().node == "C1-N1")
        #expect(try fixture.node.outbox.all().map { "\($0.node)/\($0.seq)" } == ["C1-N1/1"])
    }

    @Test func enrolAgainNeedsAnEnrolledFolderAndAnUnreachableServerSaysSo() throws {
        let fixture = try NodeFixture(install: false)
        let transport = FaultyTransport()
        #expect(try refusal(fixture) {
            try $0.enrolment.enrol(server: "http://127.0.0.1:1", code: "X", label: "", again: true, over: transport)
        }.message.contains("is not enrolled yet"))
        // Nothing listens on port 1: a real refused connection.
        let error = try refusal(fixture) {
            try $0.enrolment.enrol(server: "http://127.0.0.1:1", code: "X", label: "", over: transport)
        }
        #expect(error.isTemporary && error.message.hasPrefix("enrolment failed: server unreachable"))
        #expect(error.hint?.contains("enrol again") == true)
        #expect(try fixture.node.enrolment.isEnrolled == false)
    }
}
