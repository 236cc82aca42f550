import Foundation
import Testing

/// Issue 7 end to end with the real executables: a subject change on a lab PC keeps the other subject's
/// levels uncounted (D11); a newer session file cannot change a graded barème (D11) and moves a graded
/// candidate only with a reason, the grade going along and the PC learning it at its next sync (D13).
@Suite(.timeLimit(.minutes(3))) struct SessionReloadEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("reload")
    }

    /// The example session with `change` applied, written next to the data folders.
    func session(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Executables.example))
        guard var json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Executables.Failure("the example session is not a JSON object")
        }
        change(&json)
        let path = work + "/\(name).json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func subjectChangesReloadsAndMovesKeepEveryGradeRight() throws {
        let central = work + "/central", pc = work + "/pc"
        #expect(try bin.run("ardoise-server", ["load", "--data", central, Executables.example]).status == 0)
        let secret = Executables.issued(try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out)
        let server = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", url, "--code", code]).status == 0)
        func grade(_ extra: [String]) throws -> Executables.Result {
            try bin.run("ardoise", ["grade", "--data", pc, "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", "0231045871"] + extra,
                        environment: ["ARDOISE_SECRET": secret])
        }
        let full = try grade(["--subject", "PC-01", "--level", "APP=A", "--level", "ANA=B", "--level", "REA=A", "--level", "VAL=B"])
        #expect(full.status == 0 && full.out.contains("now 17.5/20"), "\(full.out)\(full.err)")
        // D11: the other subject shares the competency codes, yet starts empty.
        let changed = try grade(["--subject", "PC-02"])
        #expect(changed.status == 0 && changed.out.contains("now not graded"), "\(changed.out)\(changed.err)")
        #expect(try grade(["--subject", "PC-01"]).out.contains("now 17.5/20"))
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).status == 0)
        bin.stop(server)

        // D11: the graded subject's barème is frozen.
        let newBareme = try session("bareme") { json in
            guard var epreuves = json["epreuves"] as? [[String: Any]], var subjects = epreuves[0]["subjects"] as? [[String: Any]],
                  var bareme = subjects[0]["bareme"] as? [String: Any],
                  var competencies = bareme["competencies"] as? [[String: Any]],
                  var points = competencies[0]["points"] as? [String: Any] else { return }
            points["B"] = 1.5
            competencies[0]["points"] = points
            bareme["competencies"] = competencies
            subjects[0]["bareme"] = bareme
            epreuves[0]["subjects"] = subjects
            json["epreuves"] = epreuves
        }
        let frozen = try bin.run("ardoise-server", ["load", "--data", central, newBareme])
        #expect(frozen.status == 1 && frozen.err.contains("subject PC-01: 1 grade depends on its barème, which is frozen"),
                "\(frozen.err)")

        // D13: the graded candidate moves to the other lot only with a reason.
        let moved = try session("moved") { json in
            guard var lots = json["lots"] as? [[String: Any]] else { return }
            lots[0]["candidates"] = (lots[0]["candidates"] as? [String] ?? []).filter { $0 != "0231045871" }
            lots[1]["candidates"] = (lots[1]["candidates"] as? [String] ?? []) + ["0231045871"]
            json["lots"] = lots
        }
        let noReason = try bin.run("ardoise-server", ["load", "--data", central, moved])
        #expect(noReason.status == 1 && noReason.err.contains("0231045871 L-PC-AMP-1 → L-PC-AMP-2"), "\(noReason.err)")
        #expect(try bin.run("ardoise-server", ["load", "--data", central, moved, "--why", "groupe réorganisé"]).status == 0)
        let audit = try bin.run("ardoise-server", ["audit", "--data", central]).out
        #expect(audit.contains("reassign  candidate 0231045871 of T011B: lot L-PC-AMP-1 → L-PC-AMP-2: groupe réorganisé"))
        let sheet = try bin.run("ardoise-server", ["sheet", "--data", central, "--epreuve", "T011B", "--candidate", "0231045871"])
        #expect(sheet.status == 0 && sheet.out.contains("L-PC-AMP-2") && sheet.out.contains("17.5/20"), "\(sheet.out)")

        // The lab PC learns it at its next sync: the candidate and the grade are in the other lot now.
        let again = try bin.serve(data: central, listen: String(url.dropFirst("http://".count)))
        defer { bin.stop(again) }
        let synced = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(synced.status == 0, "\(synced.out)\(synced.err)")
        let lot = try bin.run("ardoise", ["lot", "--data", pc, "L-PC-AMP-2"])
        #expect(lot.out.contains("0231045871  PC-01     17.5/20"), "\(lot.out)")
        #expect(!(try bin.run("ardoise", ["lot", "--data", pc, "L-PC-AMP-1"]).out.contains("0231045871")))
    }
}
