import ArdoiseProtocol
import ArdoiseSupport
import Testing
import TestSupport
@testable import ArdoiseNode

@Suite struct NodeGradingTests {
    @Test func d11GradeWithinTheGridIsRecorded() throws {
        let fixture = try NodeFixture()
        let operation = try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1",
                                               levels: NodeFixture.fullLevels, comment: "soigné")
        #expect(operation.kind == .grade)
        #expect(operation.node == "N1" && operation.seq == 1 && operation.author == "ex1" && operation.lot == "L1")
        #expect(operation.values == ["level.S1.APP": "A", "level.S1.ANA": "B", "level.S1.REA": "A", "level.S1.VAL": "C",
                                     "subject": "S1", "attendance": "PRESENT", "comment": "soigné"])
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .graded(score: 15))
        #expect(try fixture.node.outbox.all() == [operation])
    }

    @Test func d11PartialGradesAddUpAsThePupilIsGraded() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S2", levels: ["APP": "B"])
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .partial(filled: 1, of: 4))
        try fixture.node.grading.grade(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0231", levels: ["ANA": "A", "REA": "A", "VAL": "A"])
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .graded(score: 19))
    }

    @Test func d11SingleSubjectIsRecordedAutomatically() throws {
        let fixture = try NodeFixture()
        let first = try fixture.node.grading.grade(as: "ex3", secret: TestSecrets.secret(for: "ex3"), epreuve: "SVT1", candidate: "0241", levels: ["APP": "A"])
        #expect(first.values["subject"] == "V1")
        let second = try fixture.node.grading.grade(as: "ex3", secret: TestSecrets.secret(for: "ex3"), epreuve: "SVT1", candidate: "0241", levels: ["ANA": "A"])
        #expect(second.values["subject"] == nil, "already chosen: not repeated")
    }

    @Test func d11SubjectRequiredWhereSeveralExist() throws {
        let fixture = try NodeFixture()
        let error = try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "A"])
        }
        #expect(error.message.contains("choose the subject first"))
        // Once chosen (even in an earlier operation), levels are accepted.
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S2")
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "A"])
        #expect(try fixture.node.outbox.count() == 2)
    }

    /// D11, D6, D12: every refusal names the problem and writes nothing.
    @Test(arguments: [
        (["epreuve": "X999"], "unknown épreuve X999"),
        (["candidate": "7777"], "unknown candidate 7777"),
        (["candidate": "0999"], "candidate 0999 is not in a lot of T011B at centre C1"),
        (["as": "nobody"], "unknown examiner nobody at centre C1"),
        (["as": "ex3"], "examiner ex3 is not in group G1 of lot L1"),
        (["level": "APP=E"], "level 'E' for APP is not in the grid"),
        (["level": "XYZ=A"], "competency XYZ is not in the grid of subject S1"),
        (["subject": "S9"], "subject S9 is not a subject of T011B"),
        (["nothing": ""], "nothing to record"),
    ])
    func d11RefusalsWriteNothing(change: [String: String], expected: String) throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", subject: "S1", levels: ["APP": "A"])
        var levels = ["APP": "B"]
        if let level = change["level"] {
            let parts = level.split(separator: "=").map(String.init)
            levels = [parts[0]: parts[1]]
        }
        let nothing = change["nothing"] != nil
        let before = try fixture.node.outbox.all()
        let error = try refusal(fixture) {
            try $0.grading.grade(as: change["as"] ?? "ex1", secret: TestSecrets.secret(for: change["as"] ?? "ex1"), epreuve: change["epreuve"] ?? "T011B",
                         candidate: change["candidate"] ?? "0231", subject: nothing ? nil : (change["subject"] ?? "S1"),
                         levels: nothing ? [:] : levels)
        }
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(!error.isTemporary)
        #expect(try fixture.node.outbox.all() == before)
    }

    @Test func d12LockedLotRefusesGradesAndNothingIsWritten() throws {
        let fixture = try NodeFixture()
        // Locked centrally: the pull brought the lot's status.
        try fixture.pull([Change(rev: 4, kind: .lot, epreuve: "T011B", lot: "L1", value: "locked")], cursor: 4)
        let error = try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        }
        #expect(error.message == "lot L1 is locked: its sheets cannot be changed")
        let absent = try refusal(fixture) {
            try $0.grading.markAttendance(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", present: false)
        }
        #expect(absent.message.contains("is locked"))
        #expect(try fixture.node.outbox.count() == 0)
    }

    @Test func d21AbsentCandidateMustBeMarkedPresentBeforeGrading() throws {
        let fixture = try NodeFixture()
        let absent = try fixture.node.grading.markAttendance(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0231", present: false)
        #expect(absent.kind == .attendance && absent.values == ["attendance": "AB"])
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .absent)
        let error = try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        }
        #expect(error.message == "candidate 0231 is marked absent for T011B")
        #expect(error.kind == .candidateAbsent(examiner: "ex1", epreuve: "T011B", candidate: "0231"))
        try fixture.node.grading.markAttendance(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0231", present: true)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        #expect(try fixture.node.outbox.count() == 3)
    }


    @Test func d11ChangingTheSubjectCountsOnlyTheNewSubjectsLevels() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .graded(score: 15))
        // Both subjects share the competency codes: the S1 levels neither count for S2 nor disappear.
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S2")
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .notGraded)
        let fields = try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231").fields
        #expect(fields["level.S1.APP"] == "A" && fields["level.S2.APP"] == nil)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "B"])
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .partial(filled: 1, of: 4))
        #expect(try fixture.node.outbox.all().last?.values["level.S2.APP"] == "B")
    }
}

/// Runs an action that must be refused and returns the refusal.
func refusal(_ fixture: NodeFixture, _ action: (Node) throws -> Void) throws -> NodeError {
    do {
        try action(fixture.node)
    } catch let error as NodeError {
        return error
    }
    Issue.record("the action was not refused")
    return NodeError.refused("not refused")
}
