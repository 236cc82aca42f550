import Foundation
import Testing

/// Issue 10 item 4 end to end (D14): the real `ardoise-server stats` gives the same follow-up with the
/// server running (admin API) and stopped (the store itself), as text, JSON and one SVG per histogram.
@Suite(.timeLimit(.minutes(5))) struct FollowUpEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("e2e-stats")
    }

    func server(_ words: [String]) throws -> Executables.Result {
        try bin.run("ardoise-server", [words[0], "--data", work + "/central"] + words.dropFirst())
    }

    @Test func d14StatsWithTheServerRunningAndStopped() throws {
        #expect(try server(["load", Executables.example]).status == 0)
        let running = try bin.serve(data: work + "/central", listen: "127.0.0.1:0")
        let secret = Executables.issued(try server(["credential", "--examiner", "EX-BERNARD"]).out)
        let code = Executables.issued(try server(["enrol", "--centre", "0690001A"]).out)
        let pc = work + "/pc1"
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", try bin.url(data: work + "/central"), "--code", code]).status == 0)
        let graded = try bin.run("ardoise", ["grade", "--data", pc, "--as", "EX-BERNARD", "--epreuve", "T011B", "--candidate", "0231045877",
                                             "--subject", "PC-02", "--level", "APP=A", "--level", "ANA=A", "--level", "REA=A", "--level", "VAL=B"],
                                 environment: ["ARDOISE_SECRET": secret])
        #expect(graded.status == 0, "\(graded.err)")
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).status == 0)

        let online = try server(["stats", "--epreuve", "T011B"])
        #expect(online.status == 0, "\(online.err)")
        #expect(online.out.contains("Progress by épreuve") && online.out.contains("T011B  EX-BERNARD  n 1  mean "), "\(online.out)")
        let json = try server(["stats", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any], "\(json.out)")
        let lines = try #require(report["statistics"] as? [[String: Any]])
        #expect(lines.contains { $0["examiner"] as? String == "EX-BERNARD" && ($0["grades"] as? [String: Any])?["count"] as? Int == 1 })
        let folder = work + "/histograms"
        let svg = try server(["stats", "--epreuve", "T011B", "--format", "svg", "--out", folder])
        #expect(svg.status == 0 && svg.out.contains("2 histograms written"), "\(svg.out) \(svg.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["T011B-EX-BERNARD.svg", "T011B.svg"])
        let picture = try String(contentsOfFile: folder + "/T011B-EX-BERNARD.svg", encoding: .utf8)
        #expect(picture.hasPrefix("<?xml") && picture.contains("class=\"mean\"") && !picture.contains("<script"))
        bin.stop(running)

        let offline = try server(["stats", "--epreuve", "T011B"])
        #expect(offline.status == 0 && offline.out == online.out, "the store itself gives the same as the admin API")
        let usage = try server(["stats", "--format", "svg"])
        #expect(usage.status == 64 && usage.err.contains("--out"), "\(usage.err)")
        let help = try bin.run("ardoise-server", ["stats", "--help"])
        #expect(help.status == 0 && help.out.contains("--format text|json|svg"), "\(help.out)")
    }
}
