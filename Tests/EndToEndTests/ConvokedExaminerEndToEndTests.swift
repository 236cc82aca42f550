import ArdoiseProtocol
import ArdoiseSupport
import Foundation
import Testing

/// Issue 9 item 7 with the real executables: an examiner convoked from another school signs in on the
/// exam centre's lab PC (their verifier reaches it through the convocation, not the session file) and
/// grades there; an examiner of the file who is not convoked is refused on the PC; once the convocation
/// is deleted, what the visitor sent is rejected on merge and the PC refuses them after its next sync (D6).
@Suite(.timeLimit(.minutes(3))) struct ConvokedExaminerEndToEndTests {
    static let centre = "0690001A", visitor = "P00037", unconvoked = "P00001"

    /// Lycée Ampère's physics lot; the visitor is listed at Lycée du Parc by the file.
    static func session() throws -> SessionFile {
        let example = try JSONCoding.decode(SessionFile.self, from: Array(try Data(contentsOf: URL(fileURLWithPath: Executables.example))))
        let candidates = ["0231046001", "0231046012"]
        return SessionFile(
            session: "BGT 2026", academie: "Académie de Lyon",
            centres: [Centre(code: centre, name: "Lycée Ampère"), Centre(code: "0690002B", name: "Lycée du Parc")],
            epreuves: example.epreuves.filter { $0.code == "T011B" },
            examiners: [Examiner(id: unconvoked, name: "Camille MARTIN", centre: centre),
                        Examiner(id: visitor, name: "François ROUX", centre: "0690002B")],
            coordinators: [], groups: [ExaminerGroup(id: "G-A", epreuve: "T011B", centre: centre, examiners: [unconvoked, visitor])],
            candidates: candidates.map { Candidate(number: $0, centre: centre, epreuves: ["T011B"]) },
            lots: [Lot(id: "L-A", epreuve: "T011B", centre: centre, group: "G-A", candidates: candidates)])
    }

    @Test func d6AVisitorGradesOnTheCentresPCUntilTheirConvocationGoes() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("convoked"), central = work + "/central", pc = work + "/pc"
        let examples = RegistrationsEndToEndTests.examples
        func server(_ words: [String]) throws -> Executables.Result {
            try bin.run("ardoise-server", [words[0], "--data", central] + words.dropFirst())
        }
        #expect(try server(["import", examples]).status == 0)
        #expect(try bin.run("ardoise-server", ["staff", "import", "--data", central, examples + "/personnels.csv"]).status == 0)
        #expect(try bin.run("ardoise-server", ["missions", "generate", "--data", central]).status == 0)
        #expect(try bin.run("ardoise-server", ["signature", "set", "--data", central, "--school", Self.centre,
                                               "--name", "Anne Dupont", "--title", "Proviseure"]).status == 0)
        let file = work + "/session.json"
        try Data(try JSONCoding.encode(try Self.session())).write(to: URL(fileURLWithPath: file))
        #expect(try server(["load", file]).status == 0)
        #expect(try server(["convoke", "--mission", "PRECE-T011B-0690001A", "--staff", Self.visitor, "--date", "2026-06-17T08:00-12:00"]).status == 0)
        var secrets: [String: String] = [:]
        for examiner in [Self.visitor, Self.unconvoked] {
            secrets[examiner] = Executables.issued(try server(["credential", "--examiner", examiner]).out)
        }
        func grade(_ examiner: String, _ candidate: String, _ level: String) throws -> Executables.Result {
            try bin.run("ardoise", ["grade", "--data", pc, "--as", examiner, "--epreuve", "T011B", "--candidate", candidate,
                                    "--subject", "PC-01", "--level", "APP=\(level)"], environment: ["ARDOISE_SECRET": secrets[examiner] ?? ""])
        }

        let process = try bin.serve(data: central, listen: "127.0.0.1:0")
        let code = Executables.issued(try server(["enrol", "--centre", Self.centre]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", try bin.url(data: central), "--code", code, "--label", "Labo B"]).status == 0)
        let graded = try grade(Self.visitor, "0231046001", "A")
        #expect(graded.status == 0, "the visitor's verifier reached the PC: \(graded.err)")
        let refused = try grade(Self.unconvoked, "0231046001", "B")
        #expect(refused.status == 1 && refused.err.contains("examiner \(Self.unconvoked) is not in group G-A of lot L-A"), "\(refused.err)")
        let synced = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(synced.out.contains("(1 applied, 0 conflict, 0 rejected)"), "\(synced.out)\(synced.err)")

        // The convocation goes while the PC is offline: what the visitor grades meanwhile is rejected on merge.
        #expect(try bin.run("ardoise-server", ["convocations", "delete", "--data", central, "--id", "1"]).status == 0)
        #expect(try grade(Self.visitor, "0231046012", "C").status == 0, "the PC does not know yet")
        let after = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(after.out.contains("(0 applied, 0 conflict, 1 rejected)"), "\(after.out)\(after.err)")
        let report = try server(["conflicts"]).out
        #expect(report.contains("examiner \(Self.visitor) is not convoked on mission PRECE-T011B-0690001A: the convocation is the access right (D6)"),
                "\(report)")
        #expect(try grade(Self.visitor, "0231046012", "C").status == 1, "the PC pulled the new reference: the visitor is gone")
        bin.stop(process)
        #expect(try server(["audit"]).out.contains("refused-operation  operation 2 by \(Self.visitor) on lot L-A"))
    }
}
