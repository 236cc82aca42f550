import ArdoiseProtocol
import Foundation
import Testing

/// Issue 10 item 2 with the real executables: the staff acting for Lycée Ampère, signed in, builds two
/// examiner groups from the examiners convoked on its PRECE mission (two schools), distributes its 41
/// physics candidates, and when one examiner falls ill redistributes their lot; the lab PC pulls it and
/// the other group grades a moved candidate (D10, D13, D6).
@Suite(.timeLimit(.minutes(5))) struct DistributionEndToEndTests {
    static let centre = "0690001A", staff = "P00009", martin = "P00001", roux = "P00037"
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("e2e-distribution")
    }

    var central: String { work + "/central" }
    var pc: String { work + "/pc" }

    /// A command of one or two words (`groups set`, `person secret`) on the central data folder.
    func server(_ words: [String], words name: Int = 1, secret: String? = nil) throws -> Executables.Result {
        try bin.run("ardoise-server", Array(words.prefix(name)) + ["--data", central] + words.dropFirst(name),
                    environment: ["XDG_CONFIG_HOME": work + "/config"].merging(secret.map { ["ARDOISE_SECRET": $0] } ?? [:]) { $1 })
    }

    /// The épreuve's subjects and barèmes, and nothing else: groups, candidates and lots come from distribution.
    func loadBaremes() throws {
        let example = try JSONCoding.decode(SessionFile.self, from: Array(try Data(contentsOf: URL(fileURLWithPath: Executables.example))))
        let file = work + "/session.json"
        let session = SessionFile(session: "BGT 2026", academie: "Académie de Lyon", centres: [Centre(code: Self.centre, name: "Lycée Ampère")],
                                  epreuves: example.epreuves.filter { $0.code == "T011B" }, examiners: [], coordinators: [], groups: [],
                                  candidates: [], lots: [])
        try Data(try JSONCoding.encode(session)).write(to: URL(fileURLWithPath: file))
        #expect(try server(["load", file]).status == 0)
    }

    @Test func d10D13TheCentreDistributesThenRedistributesASickExaminersLotAndThePCPullsIt() throws {
        let examples = RegistrationsEndToEndTests.examples
        #expect(try server(["import", examples]).status == 0)
        #expect(try server(["staff", "import", examples + "/personnels.csv"], words: 2).status == 0)
        #expect(try server(["missions", "generate"], words: 2).status == 0)
        #expect(try server(["signature", "set", "--school", Self.centre, "--name", "Anne Dupont", "--title", "Proviseure"], words: 2).status == 0)
        try loadBaremes()
        #expect(try server(["convoke", "--mission", "PRECE-T011B-0690001A", "--staff", Self.martin, "--staff", Self.roux,
                            "--date", "2026-06-17T08:00-12:00"]).status == 0)
        #expect(try server(["centre-staff", "add", "--centre", Self.centre, "--staff", Self.staff], words: 2).status == 0)
        for command in [["groups", "set"], ["groups", "list"], ["distribute"], ["reassign"], ["redistribute"]] {
            #expect(try server(command + ["--help"], words: command.count).out.contains("--as-manager"), "\(command)")
        }

        let process = try bin.serve(data: central, listen: "127.0.0.1:0")
        var running = true
        defer { if running { bin.stop(process) } }
        let secret = Executables.issued(try server(["person", "secret", "--person", Self.staff], words: 2).out)
        #expect(try server(["sign-in", "--person", Self.staff], secret: secret).status == 0)
        let refused = try server(["groups", "set", "--epreuve", "T011B", "--centre", Self.centre, "--examiner", "P00002"], words: 2)
        #expect(refused.status == 1 && refused.err.contains("P00002 not convoked on mission PRECE-T011B-0690001A"), "\(refused.err)")
        for examiner in [Self.martin, Self.roux] {
            let made = try server(["groups", "set", "--epreuve", "T011B", "--centre", Self.centre, "--examiner", examiner], words: 2)
            #expect(made.status == 0, "\(made.err)")
        }
        // D10: the candidates wait for validated barèmes.
        let early = try server(["distribute", "--epreuve", "T011B", "--centre", Self.centre])
        #expect(early.status == 1 && early.err.contains("is not validated: distribution waits for it (D10)"), "\(early.err)")
        for subject in ["PC-01", "PC-02"] {
            #expect(try server(["bareme", "validate", "--epreuve", "T011B", "--subject", subject, "--as-manager"], words: 2).status == 0)
        }
        let distributed = try server(["distribute", "--epreuve", "T011B", "--centre", Self.centre])
        #expect(distributed.out.hasPrefix("41 candidates of T011B at 0690001A distributed: T011B-0690001A-G1 +21, T011B-0690001A-G2 +20"),
                "\(distributed.out)\(distributed.err)")
        let listed = try server(["groups", "list", "--epreuve", "T011B", "--centre", Self.centre], words: 2).out
        #expect(listed.contains("P00037 François ROUX  lots: T011B-0690001A-G2 open 20"), "\(listed)")

        // The lab PC: Camille MARTIN grades her first candidate, then falls ill.
        var secrets: [String: String] = [:]
        for examiner in [Self.martin, Self.roux] {
            secrets[examiner] = Executables.issued(try server(["credential", "--examiner", examiner]).out)
        }
        let code = Executables.issued(try server(["enrol", "--centre", Self.centre]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", try bin.url(data: central), "--code", code]).status == 0)
        let first = try #require(distributed.out.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        func grade(_ examiner: String, _ candidate: String) throws -> Executables.Result {
            try bin.run("ardoise", ["grade", "--data", pc, "--as", examiner, "--epreuve", "T011B", "--candidate", candidate, "--subject", "PC-01",
                                    "--level", "APP=A", "--level", "ANA=A", "--level", "REA=B", "--level", "VAL=A"],
                        environment: ["ARDOISE_SECRET": secrets[examiner] ?? ""])
        }
        #expect(try grade(Self.martin, first).status == 0)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).status == 0)
        #expect(try server(["redistribute", "T011B-0690001A-G1"]).status == 64, "a reason is required")
        let moved = try server(["redistribute", "T011B-0690001A-G1", "--why", "Camille MARTIN is ill"])
        #expect(moved.out.hasPrefix("lot T011B-0690001A-G1: 20 candidates redistributed: T011B-0690001A-G2 +20"), "\(moved.out)\(moved.err)")

        let synced = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(synced.out.contains("reference data updated"), "\(synced.out)")
        let lot = try bin.run("ardoise", ["lot", "--data", pc, "T011B-0690001A-G2"]).out
        #expect(lot.components(separatedBy: "\n").filter { $0.contains("0231") }.count == 40, "\(lot)")
        let second = try #require(moved.out.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        #expect(try grade(Self.martin, second).status == 1, "no longer her lot")
        #expect(try grade(Self.roux, second).status == 0)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).out.contains("1 applied"))
        bin.stop(process)
        running = false
        let audit = try server(["audit"]).out  // the audit reads the store: the server stopped
        #expect(audit.contains("\(Self.staff)  redistribute") && audit.contains("Camille MARTIN is ill"), "\(audit)")
    }
}
