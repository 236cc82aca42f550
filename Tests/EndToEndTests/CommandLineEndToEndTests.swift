import Foundation
import Testing

/// Both executables through the shared runner (ArdoiseCLI): every command has its own help, usage
/// mistakes exit 64 before anything is touched, and library errors reach the user with the command
/// that fixes them.
@Suite(.timeLimit(.minutes(2))) struct CommandLineEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("cli")
    }

    @Test func everyCommandHasItsOwnHelp() throws {
        for (program, command) in [("ardoise", "grade"), ("ardoise", "lock"), ("ardoise-server", "resolve"),
                                   ("ardoise-server", "serve")] {
            let help = try bin.run(program, [command, "--help"])
            #expect(help.status == 0 && help.out.hasPrefix("usage: \(program) \(command)"), "\(help.out)")
        }
        let tool = try bin.run("ardoise", ["help"])
        #expect(tool.status == 0 && tool.out.contains("ardoise sync --data NODEDIR"), "\(tool.out)")
    }

    @Test func usageMistakesExit64AndTouchNothing() throws {
        let folder = work + "/node"
        let cases: [(program: String, words: [String], message: String)] = [
            ("ardoise", ["grade", "--data", folder, "--as", "E", "--epreuve", "T", "--candidate", "1", "--level", "APP"],
             "--level 'APP' is not COMPETENCY=LEVEL"),
            ("ardoise", ["grade", "--data", folder, "--as", "E", "--epreuve", "T", "--candidate", "1",
                         "--level", "APP=A", "--level", "APP=B"], "--level APP is given twice"),
            ("ardoise", ["sync", "--data", folder, "--dta", "x"], "unknown option --dta"),
            ("ardoise", ["lock", "--data", folder, "--as", "E"], "missing LOT"),
            ("ardoise", ["synk", "--data", folder], "unknown command 'synk'"),
            ("ardoise-server", ["resolve", "--data", folder, "1", "2", "--keep", "server"],
             "unexpected argument '2'"),
            ("ardoise-server", ["resolve", "--data", folder, "1", "--keep", "server", "--by", "C"], "unknown option --by"),
            ("ardoise-server", ["unlock", "--data", folder, "L1", "--why", "x", "--by", "C"], "unknown option --by"),
        ]
        for item in cases {
            let result = try bin.run(item.program, item.words)
            #expect(result.status == 64, "\(item.words): \(result.err)")
            #expect(result.err.hasPrefix("error: ") && result.err.contains(item.message), "\(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func aLibraryErrorReachesTheUserWithTheCommandThatFixesIt() throws {
        let folder = work + "/missing"
        let result = try bin.run("ardoise", ["status", "--data", folder])
        #expect(result.status == 1)
        #expect(result.err == "error: no node data in \(folder)\n"
                + "hint: enrol this node first: ardoise enrol --data \(folder) --server URL --code CODE\n", "\(result.err)")
    }
}
