import Foundation
import Testing

/// The issue-9 commands while `serve` owns the data folder: each goes through the admin API and prints
/// what it prints with the server stopped (the same examples run over a second, stopped folder).
@Suite(.timeLimit(.minutes(3))) struct AcademieRemoteEndToEndTests {
    /// The commands in order, `DATA` standing for the folder and `OUT` for the folder beside it.
    static let steps: [[String]] = [
        ["import", "--data", "DATA", RegistrationsEndToEndTests.examples],
        ["staff", "import", "--data", "DATA", RegistrationsEndToEndTests.examples + "/personnels.csv"],
        ["staff", "search", "--data", "DATA", "--name", "martin"],
        ["staff", "search", "--data", "DATA", "--discipline", "physique", "--school", "0690001A"],
        ["missions", "generate", "--data", "DATA"],
        ["missions", "list", "--data", "DATA", "--type", "prece"],
        ["signature", "set", "--data", "DATA", "--school", "0690001A", "--name", "Anne Dupont", "--title", "Proviseure"],
        ["convoke", "--data", "DATA", "--mission", "PRECE-T011B-0690001A", "--staff", "P00001", "--staff", "P00037",
         "--date", "2026-06-17T08:00-12:00", "--observation", "Laboratoire B", "--save-defaults"],
        ["convocations", "list", "--data", "DATA"],
        ["convocations", "pdf", "--data", "DATA", "--id", "1", "--out", "OUT/1.pdf"],
        ["services", "list", "--data", "DATA"],
        // The rest of the commands, and a refusal, which must read the same too.
        ["staff", "add", "--data", "DATA", "--id", "X00001", "--last-name", "NOUVEAU", "--first-name", "Jean", "--school", "0690001A",
         "--discipline", "PHYSIQUE", "--email", "jean.nouveau@ac-lyon.fr"],
        ["convocations", "edit", "--data", "DATA", "--id", "1", "--qualite", "correcteur suppleant", "--date", "2026-06-18T08:00-12:00"],
        ["convocations", "zip", "--data", "DATA", "--mission", "PRECE-T011B-0690001A", "--out", "OUT/all.zip"],
        ["services", "add", "--data", "DATA", "--convocation", "1", "--quantity", "2", "--unit", "jours", "--note", "oral"],
        ["services", "delete", "--data", "DATA", "--id", "1"],
        ["convocations", "delete", "--data", "DATA", "--id", "2"],
        ["convocations", "list", "--data", "DATA"],
    ]

    @Test func theIssue9CommandsAnswerAlikeWithTheServerRunning() throws {
        let bin = try Executables()
        let stopped = try Executables.workFolder("academie-stopped"), running = try Executables.workFolder("academie-running")
        let server = try bin.serve(data: running + "/central", listen: "127.0.0.1:0")
        defer { bin.stop(server) }
        for step in Self.steps {
            let direct = try run(bin, step, in: stopped), remote = try run(bin, step, in: running)
            #expect(direct.status == 0 && !direct.out.isEmpty, "\(step): \(direct.err)")
            #expect(remote.status == direct.status && remote.out == direct.out && remote.err == direct.err,
                    "\(step):\n\(remote.out)\(remote.err)\n---\n\(direct.out)\(direct.err)")
        }
        let refused = ["convoke", "--data", "DATA", "--mission", "PRECE-T011B-0690001A", "--staff", "P00001"]
        let direct = try run(bin, refused, in: stopped), remote = try run(bin, refused, in: running)
        #expect(direct.status == 1 && remote.status == 1 && remote.err == direct.err, "\(remote.err)---\(direct.err)")
        // The folder is the server's: a command with no remote form is still told to wait.
        #expect(try bin.run("ardoise-server", ["check", "--data", running + "/central"]).status == 75)
        // The same letter on paper, but for its /CreationDate: each run stamps its own second.
        let pdf = try undated(running + "/1.pdf"), stoppedPDF = try undated(stopped + "/1.pdf")
        #expect(pdf.hasPrefix("%PDF") && pdf == stoppedPDF)
    }

    /// A PDF's bytes as Latin-1 text, its creation stamp blanked.
    private func undated(_ path: String) throws -> String {
        let text = String(data: try Data(contentsOf: URL(fileURLWithPath: path)), encoding: .isoLatin1) ?? ""
        return text.replacingOccurrences(of: #"/CreationDate \(D:[0-9]{14}Z\)"#, with: "/CreationDate", options: .regularExpression)
    }

    /// One step over `folder`, its paths written as DATA and OUT in what it prints.
    private func run(_ bin: Executables, _ step: [String], in folder: String) throws -> (status: Int32, out: String, err: String) {
        let arguments = step.map { $0 == "DATA" ? folder + "/central" : $0.replacingOccurrences(of: "OUT/", with: folder + "/") }
        let result = try bin.run("ardoise-server", arguments)
        return (result.status, result.out.replacingOccurrences(of: folder, with: "FOLDER"),
                result.err.replacingOccurrences(of: folder, with: "FOLDER"))
    }
}
