import ArdoiseProtocol
import ArdoiseServer
import Testing

/// Issue 7 item 2: reloading the session file after grading never changes results silently. A barème
/// with grades is frozen (D11); moving a graded candidate is a reassignment that carries the grade (D13).
@Suite struct SessionReloadTests {
    @Test func d11ABaremeWithGradesIsFrozen() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.fullGrade("K1", subject: "S1", level: "B")])
        var session = Fixture.session()
        session.epreuves[0].subjects[0].bareme.competencies[0].points["B"] = 2.5
        let error = #expect(throws: ServerError.self) { try fixture.central.sessions.load(session) }
        #expect(error?.message == "épreuve T011B subject S1: 1 grade depends on its barème, which is frozen (the file changes or removes it)")
        let stored = try fixture.central.reference.snapshot(centre: Fixture.centre).epreuves[0]
        #expect(stored.subjects[0].bareme == Fixture.bareme(), "nothing of the file was written")
        // A subject without grades can still change.
        session = Fixture.session()
        session.epreuves[0].subjects[1].bareme.competencies[0].points["B"] = 2.5
        try fixture.central.sessions.load(session)
    }

    @Test func d13MovingAGradedCandidateIsAReassignmentThatCarriesTheGrade() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.fullGrade("K1", level: "B")])
        var session = Fixture.session()
        session.lots[0].candidates = ["K2"]
        session.lots[1].candidates = ["K3", "K1"]
        let refused = #expect(throws: ServerError.self) { try fixture.central.sessions.load(session) }
        #expect(refused?.message.contains("1 candidate with a grade or an attendance changes lots (K1 L1 → L3)") == true)
        try fixture.central.sessions.load(session, why: "E1 malade, K1 passe au groupe G3")
        #expect(try fixture.central.progress.summaries().first { $0.id == "L3" }?.done == 1)
        #expect(try fixture.central.audit.entries().contains {
            $0.action == "reassign" && $0.detail == "candidate K1 of T011B: lot L1 → L3: E1 malade, K1 passe au groupe G3"
        })
        // An operation the node made on the old lot before it learned of the move, by E1, who is not in
        // the new lot's group (G3): kept whole, as one entry a coordinator applies with one resolution.
        let late = try fixture.central.push.push(node: a, operations: [ops.make(candidate: "K1", ["level.APP": "C"])])
        #expect(late.results.map(\.outcome) == [.rejected])
        let entry = try #require(try fixture.central.conflicts.all().first { $0.kind == .movedCandidate })
        #expect(entry.field == "(operation)" && entry.values?["level.S1.APP"] == "C" && entry.lot == "L3")
        _ = try fixture.central.conflicts.resolve(conflict: entry.id, keep: "node", by: .person("COORD"))
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "C")
    }

    @Test func d13AnOperationOnTheFormerLotByAnExaminerOfBothGroupsApplies() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.fullGrade("K1", author: "E2", level: "B")])
        var session = Fixture.session()
        session.groups[1].examiners = ["E3", "E2"]
        session.lots[0].candidates = ["K2"]
        session.lots[1].candidates = ["K3", "K1"]
        try fixture.central.sessions.load(session, why: "regroupement")
        let late = try fixture.central.push.push(node: a, operations: [ops.make(author: "E2", candidate: "K1", ["level.REA": "D"])])
        #expect(late.results.map(\.outcome) == [.applied])
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "D")
        // The change reached the nodes under the lot the candidate is in now.
        let change = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 2000).changes.last
        #expect(change?.field == "level.S1.REA" && change?.lot == "L3")
    }

    @Test func d13AGradedCandidateLeftInNoLotIsRefused() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.make(kind: .attendance, candidate: "K2", ["attendance": "AB"])])
        var session = Fixture.session()
        session.lots[0].candidates = ["K1"]
        let error = #expect(throws: ServerError.self) { try fixture.central.sessions.load(session, why: "x") }
        #expect(error?.message.contains("candidate K2 has a grade or an attendance for T011B in lot L1 and is in no lot") == true)
    }
}
