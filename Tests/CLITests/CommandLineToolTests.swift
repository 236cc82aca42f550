import ArdoiseCLI
import ArdoiseSQLite
import ArdoiseSupport
import Testing

/// The runner by behaviour, through `run(_:console:)`, with a small tool built here.
@Suite struct CommandLineToolTests {
    struct AlreadyLocked: Error { let lot: String }
    struct Unexplained: Error, CustomStringConvertible { var description: String { "something odd\nhappened" } }

    static let tool = CommandLineTool(
        name: "demo", summary: "A demo of the command-line runner.",
        commands: [
            Command("enrol", summary: "Enrols this node.", options: [
                .value("data", "DIR", "the data folder", required: true),
                .value("label", "TEXT", "a label for people"),
                .flag("again", "enrol a second time"),
                .repeated("level", "COMP=LEVEL", "a level"),
            ], discussion: "Reads DEMO_SECRET.") { args, console in
                let label = args.value("label") ?? "-"
                console.out("data=\(try args.required("data")) label=\(label) again=\(args.flag("again"))")
                console.out("levels=\(args.values("level").joined(separator: ","))")
            },
            Command("lock", summary: "Locks a lot.", options: [.value("data", "DIR", "the data folder", required: true)],
                    positionals: [Positional("LOT", "the lot to lock")]) { args, console in
                let lot = try args.positional("LOT")
                switch lot {
                case "busy": throw CommandFailure.retryLater("the folder is in use", hint: "stop the server")
                case "done": throw AlreadyLocked(lot: lot)
                case "full": throw DatabaseError(code: 13 /* SQLITE_FULL */, message: "database or disk is full", sql: "INSERT")
                case "corrupt": throw DatabaseError(code: 11 /* SQLITE_CORRUPT */, message: "database disk image is malformed")
                case "json": throw DecodingError.keyNotFound(
                    ArdoiseCLITestKey("id"), .init(codingPath: [ArdoiseCLITestKey("lots"), ArdoiseCLITestKey(2)],
                                                   debugDescription: "no id"))
                case "odd": throw Unexplained()
                case "bad": throw CommandFailure.usage("LOT must be like L1")
                default: console.out("locked \(lot)")
                }
            },
            Command("version", summary: "Prints the version.") { _, console in console.out("1.0") },
        ],
        explain: { error in
            guard let locked = error as? AlreadyLocked else { return nil }
            return CommandFailure("lot \(locked.lot) is already locked", hint: "ask the coordinator to unlock it")
        })

    func run(_ arguments: [String]) -> (code: ExitCode, out: String, err: String) {
        let console = CapturedConsole()
        let code = Self.tool.run(arguments, console: console)
        return (code, console.output, console.errors)
    }

    // MARK: Help

    @Test func aTwoWordCommandIsFoundWithItsOptionsAndItsHelp() {
        let tool = CommandLineTool(name: "demo", summary: "Two-word commands.", commands: [
            Command("staff search", summary: "Two words name it.", options: [.value("name", "TEXT", "a name")]) { args, console in
                console.out("searching \(args.value("name") ?? "")")
            },
        ], explain: { _ in nil })
        func run(_ arguments: [String]) -> (code: ExitCode, out: String) {
            let console = CapturedConsole()
            return (tool.run(arguments, console: console), console.output)
        }
        #expect(run(["staff", "search", "--name", "Éloïse"]).out == "searching Éloïse\n")
        #expect(run(["staff", "search", "--help"]).out.hasPrefix("usage: demo staff search [--name TEXT]"))
        #expect(run(["help", "staff", "search"]).out.hasPrefix("usage: demo staff search"))
        #expect(run(["staff"]).code == .usage)
    }

    @Test func noArgumentsPrintsTheToolUsageOnStderr() {
        let result = run([])
        #expect(result.code == .usage && result.out.isEmpty)
        #expect(result.err == Self.tool.usage + "\n")
    }

    @Test func toolHelpListsEveryCommandsUsageAndSummary() {
        for word in ["help", "--help", "-h"] {
            let result = run([word])
            #expect(result.code == .ok && result.err.isEmpty)
            #expect(result.out == """
                usage: demo COMMAND [options]
                A demo of the command-line runner.

                  demo enrol --data DIR [--label TEXT] [--again] [--level COMP=LEVEL ...]
                      Enrols this node.
                  demo lock --data DIR LOT
                      Locks a lot.
                  demo version
                      Prints the version.

                run 'demo help COMMAND' or 'demo COMMAND --help' for a command's options

                """)
        }
    }

    @Test func commandHelpListsOptionsAndPositionals() {
        let enrol = """
            usage: demo enrol --data DIR [--label TEXT] [--again] [--level COMP=LEVEL ...]
            Enrols this node.

              --data DIR          the data folder (required)
              --label TEXT        a label for people
              --again             enrol a second time
              --level COMP=LEVEL  a level (repeatable)
              -h, --help          show this help

            Reads DEMO_SECRET.

            """
        for words in [["help", "enrol"], ["enrol", "--help"], ["enrol", "-h"]] {
            let result = run(words)
            #expect(result.code == .ok && result.out == enrol && result.err.isEmpty)
        }
        let lock = run(["help", "lock"])
        #expect(lock.out.hasPrefix("usage: demo lock --data DIR LOT\nLocks a lot.\n"))
        #expect(lock.out.contains("\n  LOT         the lot to lock\n"))
    }

    @Test func helpAfterOtherArgumentsEvenWrongOnesWins() {
        let result = run(["lock", "--dta", "x", "L1", "extra", "--help"])
        #expect(result.code == .ok && result.out.hasPrefix("usage: demo lock") && result.err.isEmpty)
        // After `--`, `--help` is an ordinary word.
        let literal = run(["lock", "--data", "D", "--", "--help"])
        #expect(literal.code == .ok && literal.out == "locked --help\n")
    }

    @Test func unknownCommandsAreUsageErrors() {
        for words in [["frobnicate"], ["help", "frobnicate"]] {
            let result = run(words)
            #expect(result.code == .usage && result.out.isEmpty)
            #expect(result.err == "error: unknown command 'frobnicate'\nhint: run demo help\n")
        }
    }

    // MARK: Usage errors, checked before the command runs

    @Test func eachUsageMistakeIsOneLineNamingItThenAHint() {
        let cases: [([String], String)] = [
            (["lock", "--data", "D", "--dta", "x", "L1"], "unknown option --dta"),
            (["lock", "L1", "--data"], "option --data needs a value"),
            (["enrol", "--data", "D", "--again=yes"], "option --again takes no value"),
            (["lock", "L1"], "missing --data DIR"),
            (["lock", "--data=", "L1"], "empty value for --data"),
            (["lock", "--data", "D"], "missing LOT"),
            (["lock", "--data", "D", "L1", "L2"], "unexpected argument 'L2'"),
            (["version", "now"], "unexpected argument 'now'"),
            (["lock", "--data", "D", "--data", "E", "L1"], "option --data given more than once"),
        ]
        for (words, message) in cases {
            let result = run(words)
            #expect(result.code == .usage && result.out.isEmpty, "\(words)")
            #expect(result.err == "error: \(message)\nhint: see demo \(words[0]) --help\n", "\(words)")
        }
    }

    @Test func repeatedOptionsAndInlineValues() {
        let result = run(["enrol", "--data=/tmp/x", "--level", "APP=A", "--level=REA=B", "--again", "--label", "Salle 3"])
        #expect(result.code == .ok && result.err.isEmpty)
        #expect(result.out == "data=/tmp/x label=Salle 3 again=true\nlevels=APP=A,REA=B\n")
    }

    // MARK: Errors thrown by commands

    @Test func aUsageFailureFromTheCommandGetsTheHelpHint() {
        let result = run(["lock", "--data", "D", "bad"])
        #expect(result.code == .usage && result.err == "error: LOT must be like L1\nhint: see demo lock --help\n")
    }

    @Test func retryLaterExitsSeventyFiveWithItsHint() {
        let result = run(["lock", "--data", "D", "busy"])
        #expect(result.code == .retryLater && result.code.rawValue == 75)
        #expect(result.err == "error: the folder is in use\nhint: stop the server\n")
    }

    @Test func theToolsExplainMapsItsOwnErrors() {
        let result = run(["lock", "--data", "D", "done"])
        #expect(result.code == .failure)
        #expect(result.err == "error: lot done is already locked\nhint: ask the coordinator to unlock it\n")
    }

    @Test func aFullDiskSaysNothingWasRecorded() {
        let result = run(["lock", "--data", "D", "full"])
        #expect(result.code == .failure)
        #expect(result.err == "error: disk full or I/O error: database or disk is full; nothing was recorded\n"
                + "hint: free some space or fix the disk, then do it again\n")
    }

    @Test func otherDatabaseDecodingAndUnknownErrors() {
        let corrupt = run(["lock", "--data", "D", "corrupt"])
        #expect(corrupt.code == .failure && corrupt.err == "error: database error: database disk image is malformed\n")
        let json = run(["lock", "--data", "D", "json"])
        #expect(json.code == .failure && json.err == "error: unreadable data: missing field 'id' at lots.2\n")
        // Exactly one error line, even when the description has a newline in it.
        let odd = run(["lock", "--data", "D", "odd"])
        #expect(odd.code == .failure && odd.err == "error: something odd\\nhappened\n")
    }

    @Test func aValueWithControlCharactersCannotForgeAnErrorLine() {
        let result = run(["lock\nerror: fake\u{1B}[2J"])
        #expect(result.err == "error: unknown command 'lock\\nerror: fake\\u{1B}[2J'\nhint: run demo help\n")
    }
}

/// A coding key for building a `DecodingError` by hand.
struct ArdoiseCLITestKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ int: Int) { stringValue = String(int); intValue = int }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}
