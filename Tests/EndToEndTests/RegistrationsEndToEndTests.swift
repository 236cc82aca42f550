import Foundation
import Testing

/// Issue 9 items 1–3 with the real `ardoise-server`: import the example registrations, search the staff
/// (D4), generate the missions (D1) twice, and refuse a bad file with FILE:LINE:COLUMN, writing nothing.
@Suite(.timeLimit(.minutes(3))) struct RegistrationsEndToEndTests {
    static let examples = URL(fileURLWithPath: Executables.example).deletingLastPathComponent()
        .appendingPathComponent("registrations").path

    @Test func importStaffSearchAndMissionsOnTheExamples() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("registrations")
        let central = work + "/central"
        let imported = try bin.run("ardoise-server", ["import", "--data", central, Self.examples])
        #expect(imported.status == 0 && imported.out.contains("360 candidates (360 new, 0 removed), 1268 registrations, 1148 assigned"),
                "\(imported.out)\(imported.err)")
        let again = try bin.run("ardoise-server", ["import", "--data", central, Self.examples])
        #expect(again.status == 0 && again.out.contains("360 candidates (0 new, 0 removed)"), "\(again.out)\(again.err)")

        #expect(try bin.run("ardoise-server", ["staff", "import", "--data", central, Self.examples + "/personnels.csv"]).out
            == "imported 49 staff members\n")
        let byDiscipline = try bin.run("ardoise-server", ["staff", "search", "--data", central, "--discipline", "physiques",
                                                          "--school", "0690001A"])
        let lines = byDiscipline.out.split(separator: "\n")
        #expect(byDiscipline.status == 0 && lines.count == 3 && lines.allSatisfy { $0.hasPrefix("[x] ") }, "\(byDiscipline.out)")
        let byName = try bin.run("ardoise-server", ["staff", "search", "--data", central, "--name", "ELOISE le breton"])
        #expect(byName.out == "[ ] P00049  LE BRETON Éloïse  0690001A  PHILOSOPHIE  eloise.le-breton@ac-lyon.fr\n", "\(byName.out)")

        let generated = try bin.run("ardoise-server", ["missions", "generate", "--data", central])
        #expect(generated.status == 0 && generated.out.contains("added PRECE-T011B-0690001A")
                && generated.out.hasSuffix("15 added, 15 missions in all\n"), "\(generated.out)\(generated.err)")
        #expect(try bin.run("ardoise-server", ["missions", "generate", "--data", central]).out == "0 added, 15 missions in all\n")
        let orals = try bin.run("ardoise-server", ["missions", "list", "--data", central, "--type", "INEC"])
        #expect(orals.out.split(separator: "\n").count == 3 && orals.out.contains("assignment not finished"), "\(orals.out)")
        #expect(try bin.run("ardoise-server", ["missions", "list", "--help"]).out.contains("usage: ardoise-server missions list"))
    }

    @Test func aBadFileIsReportedWithFileLineAndColumnAndNothingIsWritten() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("registrations-bad")
        let folder = work + "/export"
        try FileManager.default.copyItem(atPath: Self.examples, toPath: folder)
        let epreuves = folder + "/epreuves.csv"
        try (try String(contentsOfFile: epreuves, encoding: .utf8)).replacingOccurrences(of: "Grand oral;oral", with: "Grand oral;orale")
            .write(toFile: epreuves, atomically: true, encoding: .utf8)
        let refused = try bin.run("ardoise-server", ["import", "--data", work + "/central", folder])
        #expect(refused.status == 1, "\(refused.err)")
        #expect(refused.err.contains("\(folder)/epreuves.csv:6:3: type: unknown kind \"orale\" (expected ecrit, oral, ece)"),
                "\(refused.err)")
        #expect(refused.err.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: work + "/central"))
    }
}
