@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10 item 6: validation (D17) and the registration side's receiving rules (D18), round trip through
/// the real store. The fixture's T011B: L1 (K1, K2) and L3 (K3) at C1, L9 (K9) at C2; COORD coordinates it.
@Suite struct ValidationTests {
    let fixture: Fixture
    var central: Central { fixture.central }
    var a: OperationMaker
    let coordinator = Actor.person("COORD")

    /// K1 graded B everywhere (raw 14), K2 absent, L1 locked; K3 graded A in the open L3; nothing for K9.
    init() throws {
        fixture = try Fixture()
        a = OperationMaker(try fixture.enrol().node)
        _ = try central.push.push(node: a.node, operations: [
            a.fullGrade("K1", level: "B"), a.make(kind: .attendance, candidate: "K2", ["attendance": "AB"]),
            a.make(kind: .lock, candidate: nil, ["status": "locked"]), a.fullGrade("K3", author: "E3", lot: "L3"),
        ])
    }

    func book() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try central.registrationGrades.list(epreuve: "T011B").map { ($0.candidate, "\($0.value) \($0.source)") })
    }

    @Test func d17PartialThenTotalAndRepeatingChangesNothing() throws {
        let first = try central.validation.validate(epreuve: "T011B", by: coordinator)
        #expect(first.kind == "partial" && first.sent == 2 && first.absent == 1 && first.candidates == 4)
        #expect(first.held.map { "\($0.candidate) \($0.reason)" } == ["K3 in an open lot", "K9 in an open lot"])
        #expect(try book() == ["K1": "14.00 transmis", "K2": "AB transmis"])
        let again = try central.validation.validate(epreuve: "T011B", by: coordinator)
        #expect(again.registration == ["unchanged": 2] && again.id == first.id + 1)

        var a = self.a
        var other = OperationMaker(try fixture.enrol(centre: Fixture.otherCentre).node)
        _ = try central.push.push(node: a.node, operations: [a.make(kind: .lock, author: "E3", lot: "L3", candidate: nil, ["status": "locked"])])
        _ = try central.push.push(node: other.node, operations: [
            other.make(kind: .attendance, author: "E9", lot: "L9", candidate: "K9", ["attendance": "AB"])])
        // K9 is absent in an open lot: a total transmission sends AB for them too (004).
        let total = try central.validation.validate(epreuve: "T011B", by: .manager)
        #expect(total.kind == "total" && total.sent == 4 && total.held.isEmpty && total.registration == ["unchanged": 2, "written": 2])
        #expect(try book() == ["K1": "14.00 transmis", "K2": "AB transmis", "K3": "20.00 transmis", "K9": "AB transmis"])
        let sent = try central.validation.sent(epreuve: "T011B")
        #expect(sent.map { "\($0.candidate) \($0.value) \($0.outcome)" } == ["K1 14.00 unchanged", "K2 AB unchanged", "K3 20.00 written", "K9 AB written"])
        let actions = try central.audit.entries().filter { $0.action == "validate" }
        #expect(actions.count == 3 && actions.last?.detail.hasPrefix("validation 3 of T011B: total, 4 of 4 grades sent (2 AB)") == true)
    }

    @Test func d18TheRegistrationSideKeepsAHandEnteredDIAndAZeroWhereTheCorrectionSaysAB() throws {
        try central.registrationGrades.enter(candidate: "K1", epreuve: "T011B", value: "di")
        try central.registrationGrades.enter(candidate: "K2", epreuve: "T011B", value: "0")
        let report = try central.validation.validate(epreuve: "T011B", by: coordinator)
        #expect(report.registration == ["kept DI": 1, "kept 0": 1])
        #expect(try book() == ["K1": "DI saisie", "K2": "0 saisie"])
        // A hand-entered grade other than DI, or a 0 where the correction side has a grade, is overwritten.
        try central.registrationGrades.enter(candidate: "K1", epreuve: "T011B", value: "12")
        #expect(try central.validation.validate(epreuve: "T011B", by: coordinator).registration == ["written": 1, "kept 0": 1])
        #expect(try book()["K1"] == "14.00 transmis")
        #expect(throws: ServerError.self) { try central.registrationGrades.enter(candidate: "K1", epreuve: "T011B", value: "21") }
    }

    @Test func d17TheHarmonisedGradeIsSentAndAnUnlockAfterTransmissionKeepsWhatWasSent() throws {
        _ = try central.validation.validate(epreuve: "T011B", by: coordinator)
        try central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: true, harmoniseInMass: nil)
        _ = try central.harmonisation.unit(lot: "L1", copy: 1, grade: GradePoints(hundredths: 1550), why: "jury", by: coordinator)
        #expect(try central.validation.validate(epreuve: "T011B", by: coordinator).registration == ["written": 1, "unchanged": 1])
        #expect(try book()["K1"] == "15.50 transmis")
        // D13: a lot can be unlocked after transmission; until it is locked again its grades are held back,
        // and the registration side keeps what it was sent.
        _ = try central.lots.unlock(lot: "L1", by: coordinator, why: "recorrection demandée")
        let held = try central.validation.validate(epreuve: "T011B", by: coordinator)
        let kept = try book()["K1"]
        #expect(held.sent == 0 && held.held.count == 4 && kept == "15.50 transmis")
    }

    @Test func d17DisputedGradesAreHeldBack() throws {
        var b = OperationMaker(try fixture.enrol().node, wall: 500)
        _ = try central.push.push(node: b.node, operations: [b.make(author: "E3", lot: "L3", candidate: "K3", ["level.S1.REA": "D"])])
        let report = try central.validation.validate(epreuve: "T011B", by: coordinator)
        #expect(report.held.contains(HeldGrade(candidate: "K3", centre: Fixture.centre, reason: "disputed")))
    }

    @Test func d6OnlyTheEpreuvesCoordinatorsAndTheManagerValidate() throws {
        let access = try AccessFixture()
        #expect(throws: ServerError.self) { try access.central.validation.validate(epreuve: "T011B", by: .person(AccessFixture.coordinatorSVT)) }
        #expect(throws: ServerError.self) { try access.central.validation.validate(epreuve: "T011B", by: .person(AccessFixture.referentPCatA)) }
        let report = try access.central.validation.validate(epreuve: "T011B", by: .person(AccessFixture.coordinatorPC))
        // Registered candidates of T011B in no lot are held back: a partial transmission.
        #expect(report.kind == "partial" && report.held.contains { $0.reason == "in no lot" })
        // D18 on the missions side: the épreuve's derived services faits are sent; hand entries stay apart.
        #expect(report.services == 5, "the convocations on T011B's missions: PRECE at A (3), at B (1), ACECE (1)")
        let letter = try #require(try access.central.convocations.list(mission: "PRECE-T011B-0690001A").first)
        let entry = try access.central.servicesFaits.add(convocation: letter.id, quantity: 2, unit: "jours", note: "oral de rattrapage")
        _ = try access.central.validation.validate(epreuve: "T011B", by: .manager)
        let sent = try access.store.withDatabase { try $0.scalarInt("SELECT count(*) FROM transmitted_services") }
        #expect(sent == Int64(report.services), "sent again, replaced, not added")
        #expect(try access.central.servicesFaits.list().contains(entry), "the hand entry stays apart, as it was")
    }
}
