import Foundation
import Testing

/// Issue 7 end to end: the real `ardoise-server lot`, `sheet` and `conflicts` show the server's sheets
/// the same way with the server running (admin API) and stopped (the store itself).
@Suite(.timeLimit(.minutes(5))) struct ServerViewsEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("e2e-views")
    }

    func server(_ words: [String]) throws -> Executables.Result {
        try bin.run("ardoise-server", [words[0], "--data", work + "/central"] + words.dropFirst())
    }

    func json(_ result: Executables.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any], "\(result.out)")
    }

    /// Two lab PCs grade candidate 0231045877 concurrently: REA is disputed, EX-PETIT's C provisionally in force.
    func gradeWithAConflict(url: String) throws {
        var secrets: [String: String] = [:]
        for examiner in ["EX-BERNARD", "EX-PETIT"] {
            secrets[examiner] = Executables.issued(try server(["credential", "--examiner", examiner]).out)
        }
        for (pc, examiner, levels) in [("pc1", "EX-BERNARD", ["APP=A", "ANA=A", "REA=A", "VAL=B"]), ("pc2", "EX-PETIT", ["REA=C"])] {
            let data = work + "/" + pc
            let code = Executables.issued(try server(["enrol", "--centre", "0690001A"]).out)
            #expect(try bin.run("ardoise", ["enrol", "--data", data, "--server", url, "--code", code, "--label", pc]).status == 0)
            let graded = try bin.run("ardoise", ["grade", "--data", data, "--as", examiner, "--epreuve", "T011B", "--candidate",
                                                 "0231045877", "--subject", "PC-02"] + levels.flatMap { ["--level", $0] },
                                     environment: ["ARDOISE_SECRET": secrets[examiner] ?? ""])
            #expect(graded.status == 0, "\(graded.err)")
        }
        #expect(try bin.run("ardoise", ["sync", "--data", work + "/pc1"]).status == 0)
        let sync = try bin.run("ardoise", ["sync", "--data", work + "/pc2"])
        #expect(sync.out.contains("1 conflict"), "\(sync.out)")
    }

    @Test func lotAndSheetWithTheServerRunningAndStopped() throws {
        #expect(try server(["load", Executables.example]).out.contains("2 centres, 2 épreuves"))
        let running = try bin.serve(data: work + "/central", listen: "127.0.0.1:0")
        defer { bin.stop(running) }
        try gradeWithAConflict(url: try bin.url(data: work + "/central"))

        let commands = [["lot", "L-PC-AMP-2"], ["lot", "L-PC-AMP-2", "--format", "json"],
                        ["sheet", "--epreuve", "T011B", "--candidate", "0231045877"],
                        ["sheet", "--epreuve", "T011B", "--candidate", "0231045877", "--format", "json"]]
        let online = try commands.map { try server($0) }
        #expect(online.allSatisfy { $0.status == 0 }, "\(online.map(\.err))")
        let lotText = online[0].out
        #expect(lotText.hasPrefix("lot L-PC-AMP-2  épreuve T011B  centre 0690001A  group G-PC-AMP-2  open"), "\(lotText)")
        #expect(lotText.contains("0231045877  PC-02     14/20  DISPUTED"), "\(lotText)")
        #expect(lotText.contains("0231045880  -         not graded") && lotText.contains("done 1/4"))
        let lines = try #require(try json(online[1])["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["candidate"] as? String } == ["0231045877", "0231045878", "0231045879", "0231045880"])
        #expect(lines.first?["disputed"] as? Bool == true && lines.first?["status"] as? String == "14/20")

        let conflicts = try server(["conflicts", "--format", "json"])
        let entry = try #require((try json(conflicts)["conflicts"] as? [[String: Any]])?.first)
        let id = try #require(entry["id"] as? Int)
        let sheetText = online[2].out
        #expect(sheetText.contains("[C]  3/8   (EX-PETIT at "), "\(sheetText)")
        #expect(sheetText.contains("DISPUTED #\(id)") && sheetText.contains("total: 14/20"))
        #expect(sheetText.contains("[A]  6/6   (EX-BERNARD at "))
        let sheet = try json(online[3])
        #expect(sheet["total"] as? Double == 14 && sheet["candidate"] as? String == "0231045877")
        #expect((sheet["disputes"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
        #expect((entry["sheet"] as? [String: Any])?["total"] as? Double == 14)
        let report = try server(["conflicts"]).out
        #expect(report.contains("    sheet now:  subject PC-02, total 14/20 (REA = C by EX-PETIT at "), "\(report)")

        let unknown = try server(["lot", "L-NONE"])
        #expect(unknown.status == 1 && unknown.err.contains("unknown lot L-NONE"), "\(unknown.err)")
        let outside = try server(["sheet", "--epreuve", "T012B", "--candidate", "0231045877"])
        #expect(outside.status == 1 && outside.err.contains("0231045877 is in no lot of épreuve T012B"), "\(outside.err)")

        // Stopped: the same views, read from the store itself.
        bin.stop(running)
        let offline = try commands.map { try server($0) }
        #expect(offline.map(\.status) == [0, 0, 0, 0], "\(offline.map(\.err))")
        #expect(offline.map(\.out) == online.map(\.out))
        let unknownOffline = try server(["lot", "L-NONE"])
        #expect(unknownOffline.status == 1 && unknownOffline.err.contains("unknown lot L-NONE"))
    }

    @Test func aSessionOfOneOfEachIsCountedInTheSingular() throws {
        let bareme = #"{"competencies": [{"code": "APP", "label": "S'approprier", "points": {"A": 20, "B": 10, "C": 5, "D": 0}}]}"#
        let session = """
            {"format": "ardoise-session/1", "session": "ONE 2026", "academie": "Test",
             "centres": [{"code": "C1", "name": "Lycée"}],
             "epreuves": [{"code": "T011B", "label": "PC", "kind": "ece",
                           "subjects": [{"code": "S1", "label": "Sujet", "bareme": \(bareme)}]}],
             "examiners": [{"id": "E1", "name": "Un", "centre": "C1"}],
             "coordinators": [{"id": "CO", "name": "Coord"}],
             "groups": [{"id": "G1", "epreuve": "T011B", "centre": "C1", "examiners": ["E1"]}],
             "candidates": [{"number": "K1", "centre": "C1", "epreuves": ["T011B"]}],
             "lots": [{"id": "L1", "epreuve": "T011B", "centre": "C1", "group": "G1", "candidates": ["K1"]}]}
            """
        let path = work + "/one.json"
        try session.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try server(["load", path])
        #expect(loaded.out == "loaded ONE 2026: 1 centre, 1 épreuve, 1 examiner, 1 candidate, 1 lot\n", "\(loaded.out)\(loaded.err)")
    }
}
