import Foundation
import Testing
import TestSupport

/// Issue 10 end to end with the real executables and a running server: convoked examiners grade on a lab
/// PC, a coordinator harmonises and validates, the centre's staff closes, the sheets zip comes back through
/// the API and is read with unzip and pdftotext, the registration side holds the sent grades (D15–D20).
@Suite(.timeLimit(.minutes(5))) struct CorrectionWorkflowEndToEndTests {
    static let session = URL(fileURLWithPath: Executables.example).deletingLastPathComponent()
        .appendingPathComponent("session-ece-0690001A.json").path

    @Test func d20AnEceDayFromGradesToClosureThroughTheRunningServer() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("workflow"), central = work + "/central", pc = work + "/pc"
        let config = ["XDG_CONFIG_HOME": work + "/config"]
        func server(_ words: [String], secret: String? = nil) throws -> Executables.Result {
            let name = ["person", "staff", "signature", "missions", "centre-staff", "epreuve", "sheets", "registration-grades", "validations"]
                .contains(words[0]) && words.count > 1 && !words[1].hasPrefix("-") ? 2 : 1
            return try bin.run("ardoise-server", Array(words.prefix(name)) + ["--data", central] + words.dropFirst(name),
                               environment: config.merging(secret.map { ["ARDOISE_SECRET": $0] } ?? [:]) { $1 })
        }
        let examples = RegistrationsEndToEndTests.examples
        for step in [["import", examples], ["staff", "import", examples + "/personnels.csv"], ["missions", "generate"],
                     ["signature", "set", "--school", "0690001A", "--name", "Anne Dupont", "--title", "Proviseure"],
                     ["signature", "set", "--school", "0692000R", "--name", "Paul Girard", "--title", "Recteur"],
                     ["convoke", "--mission", "PRECE-T011B-0690001A", "--staff", "P00001", "--staff", "P00003", "--date", "2026-06-17T08:00-12:00"],
                     ["convoke", "--mission", "ACECE-T011B-0692000R", "--staff", "P00004", "--date", "2026-06-18T08:00-12:00"],
                     ["centre-staff", "add", "--centre", "0690001A", "--staff", "P00009"], ["load", Self.session]] {
            let result = try server(step)
            #expect(result.status == 0, "\(step): \(result.err)")
        }
        var secrets: [String: String] = [:]
        for examiner in ["P00001", "P00003"] { secrets[examiner] = Executables.issued(try server(["credential", "--examiner", examiner]).out) }
        for person in ["P00004", "P00009"] { secrets[person] = Executables.issued(try server(["person", "secret", "--person", person]).out) }
        func node(_ words: [String], as examiner: String) throws -> Executables.Result {
            try bin.run("ardoise", words + ["--data", pc, "--as", examiner], environment: ["ARDOISE_SECRET": secrets[examiner] ?? ""])
        }
        func signIn(_ person: String) throws { #expect(try server(["sign-in", "--person", person], secret: secrets[person]).status == 0) }

        let process = try bin.serve(data: central, listen: "127.0.0.1:0")
        defer { bin.stop(process) }
        let code = Executables.issued(try server(["enrol", "--centre", "0690001A"]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", try bin.url(data: central), "--code", code]).status == 0)
        for candidate in ["0231046001", "0231046012", "0231046013", "0231046017", "0231046020"] {
            #expect(try node(["grade", "--epreuve", "T011B", "--candidate", candidate, "--subject", "PC-01",
                              "--level", "APP=A", "--level", "ANA=B", "--level", "REA=B", "--level", "VAL=C"], as: "P00001").status == 0)
        }
        #expect(try node(["absent", "--epreuve", "T011B", "--candidate", "0231046021"], as: "P00001").status == 0)
        #expect(try node(["lock", "L-PC-AMP-1"], as: "P00001").status == 0)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).out.contains("(7 applied, 0 conflict, 0 rejected)"))

        // The centre cannot close while lot 2 is open, nor export sheets before closing (D20).
        try signIn("P00009")
        #expect(try server(["close", "--epreuve", "T011B", "--centre", "0690001A"]).err.contains("lot L-PC-AMP-2 is open"))
        #expect(try server(["sheets", "export", "--epreuve", "T011B", "--centre", "0690001A", "--out", work + "/x.zip"]).err
            .contains("is not closed at 0690001A"))
        #expect(try server(["sign-out"]).status == 0)
        for candidate in ["0231046022", "0231046025", "0231046026", "0231046029"] {
            #expect(try node(["absent", "--epreuve", "T011B", "--candidate", candidate], as: "P00003").status == 0)
        }
        #expect(try node(["lock", "L-PC-AMP-2"], as: "P00003").status == 0)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).out.contains("(5 applied, 0 conflict, 0 rejected)"))

        // The coordinator harmonises in mass (D16) and validates (D17); closing is not theirs (D20).
        #expect(try server(["epreuve", "set", "--epreuve", "T011B", "--harmonise-in-mass", "on"]).status == 0)
        try signIn("P00004")
        let mass = try server(["harmonise", "--lot", "L-PC-AMP-1", "--shift", "0,5", "--why", "sujet PC-01 plus exigeant"])
        #expect(mass.out.contains("shift +0.50, 5 of 5 graded copies changed"), "\(mass.out)\(mass.err)")
        let validated = try server(["validate", "--epreuve", "T011B"])
        #expect(validated.out.contains("partial, 10 of 183 grades sent (5 AB)"), "\(validated.out)\(validated.err)")
        #expect(try server(["close", "--epreuve", "T011B", "--centre", "0690001A"]).err.contains("may not close T011B at 0690001A"))
        #expect(try server(["sign-out"]).status == 0)

        // The centre closes; the sheets come back through the API as a zip, read with real tools.
        try signIn("P00009")
        let closed = try server(["close", "--epreuve", "T011B", "--centre", "0690001A"])
        #expect(closed.out.contains("T011B closed at 0690001A by P00009: 2 locked lots"), "\(closed.out)\(closed.err)")
        let zip = work + "/fiches.zip"
        let exported = try server(["sheets", "export", "--epreuve", "T011B", "--centre", "0690001A", "--out", zip])
        #expect(exported.out.contains("10 evaluation sheets written to"), "\(exported.out)\(exported.err)")
        #expect(try server(["sign-out"]).status == 0)
        let unzip = try #require(ToolRunner.find("unzip")), pdftotext = try #require(ToolRunner.find("pdftotext"))
        #expect(try ToolRunner.run(unzip, ["-q", zip, "-d", work + "/fiches"]).status == 0)
        let sheet = try ToolRunner.run(pdftotext, [work + "/fiches/T011B-0690001A/L-PC-AMP-1/0231046001.pdf", "-"]).out
        #expect(sheet.contains("Total : 14/20") && sheet.contains("Note harmonisée : 14.50/20") && sheet.contains("Camille MARTIN"), "\(sheet)")

        // What was sent, as a CSV, and what the registration side holds.
        let csv = work + "/sent.csv"
        #expect(try server(["validations", "sent", "--epreuve", "T011B", "--format", "csv", "--out", csv]).status == 0)
        let sent = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(sent.hasPrefix("validation;candidate;epreuve;value;outcome;at\n2;0231046001;T011B;14.50;unchanged;"), "\(sent)")
        let book = try server(["registration-grades", "list", "--epreuve", "T011B"]).out
        #expect(book.contains("0231046001  14.50  transmis") && book.contains("0231046021  AB  transmis"), "\(book)")
    }
}
