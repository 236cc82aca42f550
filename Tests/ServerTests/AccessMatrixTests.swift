@testable import ArdoiseServer
import ArdoiseHTTPClient
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 9 item 7: the convocation is the access right (D6). The role × action × scope matrix of the README
/// ("Who may do what"), whole: grading through the merge, then every central action over HTTP for every role.
@Suite struct AccessMatrixTests {
    typealias F = AccessFixture

    /// A signed grade of one candidate of lot `lot`, as a lab PC of the node's centre sends it.
    static func grade(_ ops: inout OperationMaker, author: String, lot: String, candidate: String, epreuve: String = "T011B") -> SyncOperation {
        var operation = ops.fullGrade(candidate, author: author, lot: lot)
        operation.epreuve = epreuve
        operation.proof = ProofKeys.sign(operation)
        return operation
    }

    @Test func d6OnlyExaminersConvokedOnTheCentresPRECEMissionGradeWhateverTheirSchool() throws {
        let fixture = try F()
        var ops = OperationMaker(try fixture.enrol(centre: F.a))
        let tries: [(author: String, candidate: String, applied: Bool)] = [
            (F.examinerPCatA, "KA1", true),
            (F.visitor, "KA2", true),             // from Lycée Jean Moulin, listed at B by the file: the convocation brings them
            (F.unconvoked, "KA1", false),         // in the file's group, not convoked
            (F.examinerPCatB, "KA1", false),      // convoked, but at the other centre
            (F.coordinatorPC, "KA1", false),      // coordinates the épreuve: no lab PC grading
            (F.examinerSVTatA, "KA1", false),     // convoked at A, on the other épreuve
        ]
        let operations = tries.map { Self.grade(&ops, author: $0.author, lot: "LA-PC", candidate: $0.candidate) }
        let results = try fixture.central.push.push(node: ops.node, operations: operations).results
        for (attempt, result) in zip(tries, results) {
            #expect((result.outcome == .applied) == attempt.applied, "\(attempt.author): \(result)")
        }
        #expect(results[2].detail?.contains("examiner \(F.unconvoked) is not convoked on mission PRECE-T011B-0690001A: "
            + "the convocation is the access right (D6)") == true, "\(results[2])")
        // Every refusal is in the report and in the audit, naming who tried.
        let report = try fixture.central.conflicts.all().filter { $0.kind == .notAuthorised }
        #expect(Set(report.map(\.node.author)) == [F.unconvoked, F.examinerPCatB, F.coordinatorPC, F.examinerSVTatA])
        let audited = try fixture.central.audit.entries().filter { $0.action == "refused-operation" }
        #expect(audited.count == 4 && audited.allSatisfy { $0.actor == ops.node.id })
        #expect(audited.contains { $0.detail.contains("by \(F.unconvoked) on lot LA-PC") })

        // The convocation deleted, the right goes with it at the next push.
        let letter = try #require(try fixture.central.convocations.list(mission: "PRECE-T011B-0690001A", staff: F.visitor).first)
        try fixture.central.convocations.delete(letter.id)
        var again = Self.grade(&ops, author: F.visitor, lot: "LA-PC", candidate: "KA2")
        again.values["comment"] = "revu"
        again.proof = ProofKeys.sign(again)
        #expect(try fixture.central.push.push(node: ops.node, operations: [again]).results.first?.outcome == .rejected)
    }

    @Test func d6TheLabPCsOfTheCentreGetTheConvokedExaminersAndTheirVerifiersOnly() throws {
        let fixture = try F()
        let atA = try fixture.central.reference.snapshot(centre: F.a)
        let group = try #require(atA.groups.first { $0.id == "GA-PC" })
        #expect(group.examiners == [F.examinerPCatA, F.visitor], "the unconvoked examiner is no longer in the group")
        #expect(atA.examiners.contains(Examiner(id: F.visitor, name: "François ROUX", centre: F.a)))
        #expect(atA.credentials?.contains { $0.examiner == F.visitor } == true, "the visitor's verifier reaches A's PCs")
        let atB = try fixture.central.reference.snapshot(centre: F.b)
        #expect(atB.groups.first { $0.id == "GB-PC" }?.examiners == [F.examinerPCatB])
        // A convocation changes what the PCs pull: the reference version moves.
        let before = atA.version
        try fixture.convoke("PRECE-T011B-\(F.a)", [F.unconvoked])
        let after = try fixture.central.reference.snapshot(centre: F.a)
        #expect(after.version > before && after.groups.first { $0.id == "GA-PC" }?.examiners.contains(F.unconvoked) == true)
    }

    /// The case: a physics coordinator could unlock an SVT lot. The session file now says which
    /// épreuves each coordinator coordinates; once an épreuve is run from registrations, only its académie
    /// mission's convocations count.
    @Test func d6ASessionFilesCoordinatorActsOnTheEpreuvesItListsOnly() throws {
        var session = Fixture.session()
        session.session = "BGT 2026"
        var svt = session.epreuves[0]
        svt.code = "T012B"
        session.epreuves.append(svt)
        session.coordinators = [Coordinator(id: "CO-PC", name: "Physique", epreuves: ["T011B"]), Coordinator(id: "CO-ALL", name: "Toutes")]
        session.groups.append(ExaminerGroup(id: "GS", epreuve: "T012B", centre: Fixture.centre, examiners: ["E1"]))
        session.candidates[0].epreuves.append("T012B")
        session.lots.append(Lot(id: "LS", epreuve: "T012B", centre: Fixture.centre, group: "GS", candidates: ["K1"]))
        let store = try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-coordinators-" + UUID().uuidString)
        let central = Central(store: store)
        try central.sessions.load(session)
        func unlockRefusal(_ lot: String, _ person: String) -> Int? {
            do { _ = try central.lots.unlock(lot: lot, by: .person(person), why: "test") } catch let error as ServerError { return error.status } catch { return -1 }
            return nil
        }
        // Lots are open: an allowed unlock answers 409 (not locked), a refused one 403.
        #expect(unlockRefusal("LS", "CO-PC") == 403 && unlockRefusal("L1", "CO-PC") == 409)
        #expect(unlockRefusal("LS", "CO-ALL") == 409 && unlockRefusal("L1", "CO-ALL") == 409)
        // T011B now comes from registrations: the file's coordinators no longer act on it.
        try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        #expect(unlockRefusal("L1", "CO-ALL") == 403 && unlockRefusal("L1", "CO-PC") == 403)
        #expect(unlockRefusal("LS", "CO-ALL") == 403, "T012B is in the example registrations too")
    }
}
