import Foundation
import Testing

/// Issue 9 item 4 with the real `ardoise-server`: signature, convoke (D3), the INEC refusal (D2), list,
/// edit, delete, each with its one-line error naming the field.
@Suite(.timeLimit(.minutes(3))) struct ConvocationsEndToEndTests {
    @Test func convokeListEditAndDeleteOnTheExamples() throws {
        let bin = try Executables()
        let central = try Executables.workFolder("convocations") + "/central"
        let examples = RegistrationsEndToEndTests.examples
        #expect(try bin.run("ardoise-server", ["import", "--data", central, examples]).status == 0)
        #expect(try bin.run("ardoise-server", ["staff", "import", "--data", central, examples + "/personnels.csv"]).status == 0)
        #expect(try bin.run("ardoise-server", ["missions", "generate", "--data", central]).status == 0)
        let convoke = ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A", "--staff", "P00001", "--staff", "P00037",
                       "--date", "2026-06-17T08:00-12:00", "--observation", "Laboratoire B", "--save-defaults"]

        let unsigned = try bin.run("ardoise-server", convoke)
        #expect(unsigned.status == 1 && unsigned.err.hasPrefix("error: signature: school 0690001A Lycée Ampère has no head's signature"),
                "\(unsigned.err)")
        #expect(try bin.run("ardoise-server", ["signature", "set", "--data", central, "--school", "0690001A", "--name", "Anne Dupont",
                                               "--title", "Proviseure"]).out == "signature of 0690001A: Anne Dupont, Proviseure\n")
        let made = try bin.run("ardoise-server", convoke)
        #expect(made.status == 0 && made.out == """
            1  PRECE-T011B-0690001A  P00001 MARTIN Camille (0690001A)  correcteur  2026-06-17 08:00-12:00
            2  PRECE-T011B-0690001A  P00037 ROUX François (0690010K)  correcteur  2026-06-17 08:00-12:00
            saved the dates and text on PRECE-T011B-0690001A

            """, "\(made.out)\(made.err)")
        let again = try bin.run("ardoise-server", convoke)
        #expect(again.status == 1 && again.err.hasPrefix("error: staff: P00001 is convoked on PRECE-T011B-0690001A already"))
        // The saved dates serve a convocation that gives none.
        let reused = try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A",
                                                    "--staff", "P00002", "--qualite", "coordinateur adjoint"])
        #expect(reused.out.hasPrefix("3  PRECE-T011B-0690001A  P00002 THOMAS François (0690001A)  coordinateur adjoint  2026-06-17"),
                "\(reused.out)\(reused.err)")

        let badDate = try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A",
                                                     "--staff", "P00003", "--date", "2026-06-17T12:00-08:00"])
        #expect(badDate.status == 64 && badDate.err.hasPrefix("error: --date: 2026-06-17: the start 12:00 is not before the end 08:00"),
                "\(badDate.err)")
        let badQualite = try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A",
                                                        "--staff", "P00003", "--qualite", "référent correction"])
        #expect(badQualite.status == 1 && badQualite.err.hasPrefix("error: qualite: \"référent correction\" is not a qualité of a PRECE"))
        let oral = try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "INEC-T090O-0690001A", "--staff", "P00007",
                                                  "--date", "2026-06-17T08:00-12:00"])
        #expect(oral.status == 1 && oral.err.hasPrefix(
            "error: L'affectation n'est pas terminée dans cyclades. La convocation des intervenants n'est pas possible.\n"), "\(oral.err)")

        #expect(try bin.run("ardoise-server", ["convocations", "edit", "--data", central, "--id", "1", "--qualite",
                                               "correcteur suppleant"]).out.contains("P00001 MARTIN Camille (0690001A)  correcteur suppléant"))
        #expect(try bin.run("ardoise-server", ["convocations", "delete", "--data", central, "--id", "2"]).out == "deleted convocation 2\n")
        let listed = try bin.run("ardoise-server", ["convocations", "list", "--data", central, "--mission", "PRECE-T011B-0690001A"])
        #expect(listed.out.split(separator: "\n").map { $0.prefix(3) } == ["1  ", "3  "], "\(listed.out)")
        let json = try bin.run("ardoise-server", ["convocations", "list", "--data", central, "--staff", "P00001", "--format", "json"])
        #expect(json.out.contains("\"fullName\" : \"Camille MARTIN\"") && json.out.contains("\"observation\" : \"Laboratoire B\"")
                && json.out.contains("\"title\" : \"Proviseure\""), "\(json.out)")
        for help in [["convoke"], ["convocations", "list"], ["convocations", "edit"], ["convocations", "delete"], ["signature", "set"]] {
            #expect(try bin.run("ardoise-server", help + ["--help"]).out.hasPrefix("usage: ardoise-server " + help.joined(separator: " ")))
        }
        #expect(try bin.run("ardoise-server", ["audit", "--data", central]).out.contains("convocation-delete"))
    }
}
