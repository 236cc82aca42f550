import Foundation
import Testing

/// Issue 2 end to end: the two real executables over loopback, with the server stopped while the
/// lab PCs grade (D21, D22), then sync, the merge rules, the report and a resolution.
@Suite(.timeLimit(.minutes(5))) struct OfflineGradingEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("e2e")
    }

    var example: String { Executables.example }

    /// Secrets issued to the examiners, as the manager hands them over.
    final class Secrets: @unchecked Sendable { var byExaminer: [String: String] = [:] }
    let secrets = Secrets()

    func node(_ data: String, _ words: [String]) throws -> Executables.Result {
        let examiner = zip(words, words.dropFirst()).first { $0.0 == "--as" }?.1
        return try bin.run("ardoise", [words[0], "--data", data] + words.dropFirst(),
                           environment: examiner.flatMap { secrets.byExaminer[$0] }.map { ["ARDOISE_SECRET": $0] } ?? [:])
    }

    func grade(_ data: String, _ examiner: String, _ candidate: String, _ extra: [String]) throws -> Executables.Result {
        try node(data, ["grade", "--as", examiner, "--epreuve", "T011B", "--candidate", candidate] + extra)
    }

    func code(_ central: String) throws -> String {
        let out = try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out
        return Executables.issued(out)
    }

    @Test func twoLabPCsGradeOfflineSyncAndTheReportShowsEveryConflict() throws {
        let central = work + "/central", pc1 = work + "/pc1", pc2 = work + "/pc2"
        #expect(try bin.run("ardoise-server", ["load", "--data", central, example]).status == 0)
        for examiner in ["EX-DURAND", "EX-BERNARD", "EX-MARTIN", "EX-PETIT"] {
            let out = try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", examiner]).out
            secrets.byExaminer[examiner] = Executables.issued(out)
        }
        var server = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let listen = String(url.dropFirst("http://".count))
        #expect(try node(pc1, ["enrol", "--server", url, "--code", try code(central), "--label", "Labo 1"]).status == 0)
        #expect(try node(pc2, ["enrol", "--server", url, "--code", try code(central), "--label", "Labo 2"]).status == 0)
        // One process owns a data folder: a second server says so and exits.
        let second = try bin.run("ardoise-server", ["serve", "--data", central, "--listen", "127.0.0.1:0"])
        #expect(second.status == 75 && second.err.contains("in use by process"))
        bin.stop(server)

        // Offline: every action is recorded locally.
        for n in 71...75 {
            #expect(try grade(pc1, "EX-DURAND", "02310458\(n)", ["--subject", "PC-01", "--level", "APP=A", "--level", "ANA=B",
                                                                  "--level", "REA=A", "--level", "VAL=B"]).status == 0)
        }
        #expect(try node(pc1, ["absent", "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", "0231045876"]).status == 0)
        #expect(try node(pc1, ["lock", "--as", "EX-DURAND", "L-PC-AMP-1"]).status == 0)
        #expect(try grade(pc1, "EX-BERNARD", "0231045877", ["--subject", "PC-02", "--level", "APP=A", "--level", "ANA=A",
                                                           "--level", "REA=A", "--level", "VAL=B"]).status == 0)
        #expect(try grade(pc1, "EX-BERNARD", "0231045878", ["--subject", "PC-02", "--level", "APP=B", "--level", "ANA=C"]).status == 0)
        #expect(try grade(pc2, "EX-MARTIN", "0231045873", ["--subject", "PC-01", "--level", "VAL=C"]).status == 0)
        #expect(try grade(pc2, "EX-PETIT", "0231045877", ["--subject", "PC-02", "--level", "REA=C"]).status == 0)
        #expect(try grade(pc2, "EX-PETIT", "0231045878", ["--subject", "PC-02", "--level", "REA=B", "--level", "VAL=A"]).status == 0)

        // Invalid input: one line naming the problem, non-zero exit, nothing written.
        let refusals: [([String], String)] = [
            (["--level", "REA=E"], "level 'E' for REA is not in the grid"),
            (["--subject", "PC-09", "--level", "REA=A"], "PC-09"),
        ]
        for (extra, message) in refusals {
            let result = try grade(pc2, "EX-PETIT", "0231045878", extra)
            #expect(result.status == 1 && result.err.contains(message), "\(result.err)")
        }
        let wrongExaminer = try grade(pc2, "EX-DURAND", "0231045879", ["--subject", "PC-02", "--level", "REA=A"])
        #expect(wrongExaminer.status == 1 && wrongExaminer.err.contains("EX-DURAND"))
        let impostor = try bin.run("ardoise", ["grade", "--data", pc2, "--as", "EX-PETIT", "--epreuve", "T011B", "--candidate",
                                               "0231045879", "--subject", "PC-02", "--level", "REA=A"],
                                   environment: ["ARDOISE_SECRET": "WRONG-SECR"])
        #expect(impostor.status == 1 && impostor.err.contains("wrong secret for examiner EX-PETIT"))
        let unknown = try grade(pc2, "EX-PETIT", "0000000000", ["--subject", "PC-02", "--level", "REA=A"])
        #expect(unknown.status == 1 && unknown.err.contains("0000000000"))
        let lockTooSoon = try node(pc2, ["lock", "--as", "EX-PETIT", "L-PC-AMP-2"])
        #expect(lockTooSoon.status == 1 && lockTooSoon.err.contains("neither graded nor absent"))
        #expect(try node(pc2, ["status"]).out.contains("pending operations: 3 not sent"))

        // Sync while the server is down: retry later, nothing lost.
        let down = try node(pc1, ["sync"])
        #expect(down.status == 75 && down.err.contains("server unreachable"))

        server = try bin.serve(data: central, listen: listen)
        defer { bin.stop(server) }
        #expect(try node(pc1, ["sync"]).status == 0)
        let sync2 = try node(pc2, ["sync"])
        #expect(sync2.status == 0 && sync2.out.contains("pushed 3 (1 applied, 1 conflict, 1 rejected)"), "\(sync2.out)")
        #expect(try node(pc1, ["sync"]).status == 0)
        #expect(try node(pc2, ["sync"]).out.contains("pushed 0"))

        // The conflict-resolution report, through the running server's admin API.
        let report = try bin.run("ardoise-server", ["conflicts", "--data", central, "--format", "json"])
        #expect(report.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])
        let entries = try #require(json["conflicts"] as? [[String: Any]])
        let kinds = entries.compactMap { $0["kind"] as? String }
        #expect(kinds.sorted() == ["lot-locked", "same-field"], "\(kinds)")
        let conflict = try #require(entries.first { $0["kind"] as? String == "same-field" })
        #expect(conflict["candidate"] as? String == "0231045877" && conflict["field"] as? String == "level.PC-02.REA")
        let locked = try #require(entries.first { $0["kind"] as? String == "lot-locked" })
        #expect(locked["field"] as? String == "level.PC-01.VAL" && (locked["node"] as? [String: Any])?["value"] as? String == "C")
        #expect(try node(pc1, ["lot", "L-PC-AMP-2"]).out.contains("DISPUTED"))
        let sheet = try node(pc1, ["sheet", "--epreuve", "T011B", "--candidate", "0231045878"]).out
        #expect(sheet.contains("total: 13.5/20"), "three-way merge of the grid: \(sheet)")

        // The coordinator keeps a value; the lab PC pulls it and the grade is no longer disputed.
        let id = try #require(conflict["id"] as? Int)
        // The coordinator signs in as themselves; their session token lives in their own config folder.
        let config = ["XDG_CONFIG_HOME": work + "/config"]
        let issued = try bin.run("ardoise-server", ["person", "secret", "--data", central, "--person", "CO-FAURE"])
        #expect(issued.status == 0, "\(issued.err)")
        let signIn = try bin.run("ardoise-server", ["sign-in", "--data", central, "--person", "CO-FAURE"],
                                 environment: config.merging(["ARDOISE_SECRET": Executables.issued(issued.out)]) { $1 })
        #expect(signIn.status == 0 && signIn.out.contains("signed in") && signIn.out.contains("as CO-FAURE"), "\(signIn.err)")
        let resolved = try bin.run("ardoise-server", ["resolve", "--data", central, String(id), "--keep", "B"], environment: config)
        #expect(resolved.status == 0, "\(resolved.err)")
        #expect(try node(pc1, ["sync"]).status == 0)
        let lot = try node(pc1, ["lot", "L-PC-AMP-2"]).out
        #expect(!lot.contains("DISPUTED") && lot.contains("0231045877"))
        #expect(try node(pc1, ["sheet", "--epreuve", "T011B", "--candidate", "0231045877"]).out.contains("[B]"))
        let unlock = try bin.run("ardoise-server", ["unlock", "--data", central, "L-PC-AMP-1", "--why", "VAL to review"],
                                 environment: config)
        #expect(unlock.status == 0 && unlock.out.contains("unlocked by CO-FAURE"), "\(unlock.err)")
        bin.stop(server)
        let audit = try bin.run("ardoise-server", ["audit", "--data", central]).out
        #expect(audit.contains("CO-FAURE  resolve") && audit.contains("CO-FAURE  unlock"), "\(audit)")
        #expect(try bin.run("ardoise-server", ["check", "--data", central]).out.contains("ok"))
    }
}
