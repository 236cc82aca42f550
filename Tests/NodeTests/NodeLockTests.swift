import ArdoiseProtocol
import ArdoiseSupport
import Testing
import TestSupport
@testable import ArdoiseNode

@Suite struct NodeLockTests {
    @Test func d12LockRefusedWhileCandidatesAreNeitherGradedNorAbsent() throws {
        let fixture = try NodeFixture()
        let error = try refusal(fixture) { try $0.grading.lock(as: "ex1", secret: TestSecrets.secret(for: "ex1"), lot: "L1") }
        #expect(error.message == "cannot lock L1: 2 candidates neither graded nor absent: 0231, 0232")
        // A partial sheet is not done either.
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        try fixture.node.grading.markAttendance(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", present: false)
        let partial = try refusal(fixture) { try $0.grading.lock(as: "ex1", secret: TestSecrets.secret(for: "ex1"), lot: "L1") }
        #expect(partial.message == "cannot lock L1: 1 candidate neither graded nor absent: 0231")
        #expect(try fixture.node.outbox.count() == 2)
    }

    @Test func d12LockAcceptedWhenEveryCandidateIsGradedOrAbsent() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        try fixture.node.grading.markAttendance(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0232", present: false)
        try fixture.pull([Change(rev: 2, kind: .lot, epreuve: "T011B", lot: "L1", value: "open")], cursor: 2)
        let lock = try fixture.node.grading.lock(as: "ex2", secret: TestSecrets.secret(for: "ex2"), lot: "L1")
        #expect(lock.kind == .lock && lock.candidate == nil && lock.lot == "L1" && lock.epreuve == "T011B")
        #expect(lock.values == ["status": "locked"])
        #expect(lock.base == ["status": 2])
        let report = try fixture.node.reports.lot("L1")
        #expect(report.status == .locked && report.pending)
        #expect(report.done == 2 && report.total == 2)
        // Locked in the user's view: no second lock, no more grading.
        #expect(try refusal(fixture) { try $0.grading.lock(as: "ex1", secret: TestSecrets.secret(for: "ex1"), lot: "L1") }.message == "lot L1 is already locked")
        #expect(try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "B"])
        }.message.contains("is locked"))
    }

    @Test func d12LockNeedsAnExaminerOfTheGroupAndALotOfTheCentre() throws {
        let fixture = try NodeFixture()
        #expect(try refusal(fixture) { try $0.grading.lock(as: "ex3", secret: TestSecrets.secret(for: "ex3"), lot: "L1") }.message
            == "examiner ex3 is not in group G1 of lot L1")
        #expect(try refusal(fixture) { try $0.grading.lock(as: "ex1", secret: TestSecrets.secret(for: "ex1"), lot: "L9") }.message.hasPrefix("unknown lot L9"))
        #expect(try fixture.node.outbox.count() == 0)
    }

    @Test func d12LockRefusedWhileAGradeOfTheLotIsDisputed() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", subject: "S2", levels: NodeFixture.fullLevels)
        let hlc = HLC(wall: 1_763_770_000_000)
        let dispute = ConflictRecord(
            id: 7, kind: .sameField, epreuve: "T011B", centre: "C1", lot: "L1", candidate: "0232", field: "level.S2.APP",
            server: ConflictSide(value: "B", author: "ex2", node: "N2", hlc: hlc),
            node: ConflictSide(value: "A", author: "ex1", node: "N1", hlc: hlc), rule: "later clock",
            winner: "server", status: .open, resolution: nil, operation: "N1#2")
        try fixture.pull([Change(rev: 3, kind: .conflict, epreuve: "T011B", lot: "L1", candidate: "0232", conflict: dispute)],
                         cursor: 3)
        let error = try refusal(fixture) { try $0.grading.lock(as: "ex1", secret: TestSecrets.secret(for: "ex1"), lot: "L1") }
        #expect(error.message == "cannot lock L1: 1 candidate with a disputed grade: 0232")
        #expect(try fixture.node.outbox.count() == 2)
    }
}
