import Foundation
import Testing

/// Issue 9 item 8 with the real executables: an examiner whose id is their staff id grades on a lab PC,
/// syncs, and `services list` derives the candidates they examined; a hand entry is kept apart, shown
/// beside the derived line in the CSV, and deleted by id (D17, D18).
@Suite(.timeLimit(.minutes(3))) struct ServicesFaitsEndToEndTests {
    @Test func gradesSyncedThenServicesListedAddedAndDeleted() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("services"), central = work + "/central", pc = work + "/pc"
        let examples = RegistrationsEndToEndTests.examples
        func server(_ words: [String]) throws -> Executables.Result {
            try bin.run("ardoise-server", [words[0], words[1], "--data", central] + words.dropFirst(2))
        }
        #expect(try bin.run("ardoise-server", ["load", "--data", central, Executables.example]).status == 0)
        #expect(try bin.run("ardoise-server", ["import", "--data", central, examples]).status == 0)
        #expect(try server(["staff", "import", examples + "/personnels.csv"]).status == 0)
        // The examiner's id is their staff id: the convocation is the access right (D6).
        #expect(try server(["staff", "add", "--id", "EX-DURAND", "--last-name", "DURAND", "--first-name", "Paul; \"Polo\"",
                            "--school", "0690001A", "--discipline", "Physique-chimie", "--email", "paul.durand@ac-lyon.fr"]).status == 0)
        #expect(try server(["missions", "generate"]).status == 0)
        #expect(try server(["signature", "set", "--school", "0690001A", "--name", "Anne Dupont", "--title", "Proviseure"]).status == 0)
        #expect(try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A", "--staff", "EX-DURAND",
                                               "--staff", "P00001", "--date", "2026-06-17T08:00-12:00",
                                               "--date", "2026-06-18T08:00-12:00"]).status == 0)
        let secret = Executables.issued(try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out)

        let process = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", url, "--code", code, "--label", "Labo 1"]).status == 0)
        for candidate in ["0231045871", "0231045872"] {
            let graded = try bin.run("ardoise", ["grade", "--data", pc, "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", candidate,
                                                 "--subject", "PC-01", "--level", "APP=A", "--level", "ANA=B"],
                                     environment: ["ARDOISE_SECRET": secret])
            #expect(graded.status == 0, "\(graded.err)")
        }
        #expect(try bin.run("ardoise", ["absent", "--data", pc, "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", "0231045876"],
                            environment: ["ARDOISE_SECRET": secret]).status == 0)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).status == 0)
        bin.stop(process)

        let added = try server(["services", "add", "--convocation", "2", "--quantity", "4", "--unit", "copies", "--note", "sujet de secours"])
        #expect(added.status == 0 && added.out.hasPrefix("saisie 1  PRECE-T011B-0690001A  P00001 Camille MARTIN  correcteur  4 copies"),
                "\(added.out)\(added.err)")
        let csv = try server(["services", "list", "--format", "csv", "--mission", "PRECE-T011B-0690001A"])
        #expect(csv.status == 0 && csv.out == """
            mission;type;epreuve;centre;staff;name;qualite;days;candidates;copies;source
            PRECE-T011B-0690001A;PRECE;T011B;0690001A;P00001;Camille MARTIN;correcteur;2;0;;calcul
            PRECE-T011B-0690001A;PRECE;T011B;0690001A;P00001;Camille MARTIN;correcteur;;;4;saisie
            PRECE-T011B-0690001A;PRECE;T011B;0690001A;EX-DURAND;"Paul; ""Polo"" DURAND";correcteur;2;3;;calcul

            """, "\(csv.out)\(csv.err)")
        let text = try server(["services", "list"])
        #expect(text.out.contains("calcul  PRECE-T011B-0690001A  EX-DURAND Paul; \"Polo\" DURAND  correcteur  2 jours, 3 candidats"),
                "\(text.out)")
        #expect(try server(["services", "list", "--format", "json"]).out.contains("\"source\" : \"saisie\""))

        let badUnit = try server(["services", "add", "--convocation", "2", "--quantity", "4", "--unit", "heures"])
        #expect(badUnit.status == 1 && badUnit.err.hasPrefix("error: unit: \"heures\" is not one of jours, candidats, copies"), "\(badUnit.err)")
        let badQuantity = try server(["services", "add", "--convocation", "2", "--quantity", "quatre", "--unit", "copies"])
        #expect(badQuantity.status == 64 && badQuantity.err.hasPrefix("error: --quantity: \"quatre\" is not a whole number"))
        #expect(try server(["services", "list", "--format", "xml"]).err.hasPrefix("error: --format must be text, csv or json"))
        #expect(try server(["services", "delete", "--id", "9"]).err.hasPrefix("error: entry: 9 not found"))
        #expect(try server(["services", "delete", "--id", "1"]).out == "deleted entry 1\n")
        #expect(!(try server(["services", "list", "--format", "csv"]).out.contains(";saisie")))
        for help in [["services", "list"], ["services", "add"], ["services", "delete"]] {
            #expect(try bin.run("ardoise-server", help + ["--help"]).out.hasPrefix("usage: ardoise-server " + help.joined(separator: " ")))
        }
        let audit = try bin.run("ardoise-server", ["audit", "--data", central]).out
        #expect(audit.contains("service-add") && audit.contains("service-delete"))
    }
}
