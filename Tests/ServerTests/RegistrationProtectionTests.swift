import ArdoiseProtocol
@testable import ArdoiseServer
import Foundation
import Testing

/// A registration import may not undo what is graded (the issue-7 rules, D13): a graded candidate moves to
/// another exam centre only with a reason, and cannot disappear or lose the épreuve.
@Suite struct RegistrationProtectionTests {
    /// The fixture's session as a registration export: K1–K3 at C1, K9 at C2, for T011B.
    func export(k1At centre: String = "C1", candidates: [String] = ["K1", "K2", "K3", "K9"]) throws -> RegistrationData {
        let path = NSTemporaryDirectory() + "ardoise-registrations-fixture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let files = [
            "session.csv": "session;libelle;academie\nTEST 2026;Session de test;Test\n",
            "centres.csv": "code;nom;type\nC1;Lycée Un;centre_examen\nC2;Lycée Deux;centre_examen\nACAD;Rectorat;academie\n",
            "epreuves.csv": "code_epreuve;libelle;type;specialite\nT011B;Physique-chimie pratique;ece;BCG\n",
            "etat_affectations.csv": "code_epreuve;affectation_terminee\nT011B;non\n",
            "candidats.csv": "numero_candidat;etablissement;division;epreuves;fraude\n"
                + candidates.map { "\($0);\($0 == "K9" ? "C2" : "C1");TG1;T011B;non\n" }.joined(),
            "affectations.csv": "numero_candidat;code_epreuve;centre_examen\n"
                + candidates.map { "\($0);T011B;\($0 == "K9" ? "C2" : $0 == "K1" ? centre : "C1")\n" }.joined(),
        ]
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return try RegistrationImport.read(folder: path)
    }

    func gradedFixture() throws -> Fixture {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try fixture.central.push.push(node: node, operations: [ops.fullGrade("K1")])
        try fixture.central.registrations.load(try export())
        return fixture
    }

    @Test func d13MovingAGradedCandidateToAnotherExamCentreNeedsAReasonAndIsAudited() throws {
        let fixture = try gradedFixture()
        let moved = try export(k1At: "C2")
        #expect {
            try fixture.central.registrations.load(moved)
        } throws: { error in
            (error as? ServerError)?.message == "1 candidate with a grade or an attendance changes exam centre (K1 C1 → C2): "
                + "a reassignment needs a reason"
        }
        #expect(try fixture.central.registered.examCentre(candidate: "K1", epreuve: "T011B") == "C1")
        let summary = try fixture.central.registrations.load(moved, why: "salle fermée")
        #expect(summary.reassigned == 1)
        #expect(try fixture.central.registered.examCentre(candidate: "K1", epreuve: "T011B") == "C2")
        #expect(try fixture.central.audit.entries().contains {
            $0.action == "reassign" && $0.detail == "candidate K1 of T011B: exam centre C1 → C2: salle fermée"
        })
        // An ungraded candidate moves freely.
        #expect(try fixture.central.registrations.load(try export(k1At: "C2")).reassigned == 0)
    }

    @Test func d13AGradedCandidateCannotDisappearNorLoseTheEpreuve() throws {
        let fixture = try gradedFixture()
        #expect {
            try fixture.central.registrations.load(try export(candidates: ["K2", "K3", "K9"]), why: "départ")
        } throws: { error in
            (error as? ServerError)?.message == "candidate K1 has a grade or an attendance for T011B and is not in candidats.csv"
        }
        #expect(try fixture.central.registered.counts().candidates == 4)
        // Ungraded candidates can go.
        #expect(try fixture.central.registrations.load(try export(candidates: ["K1", "K9"])).removed == 2)
    }
}
