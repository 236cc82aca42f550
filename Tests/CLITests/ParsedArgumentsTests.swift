import ArdoiseCLI
import Testing

/// The argument parser on its own: every option declared, each mistake a usage failure naming it.
@Suite struct ParsedArgumentsTests {
    let options: [Option] = [
        .value("data", "DIR", "the data folder"),
        .repeated("level", "COMP=LEVEL", "a level"),
        .flag("again", "enrol again"),
    ]
    let lot = [Positional("LOT", "the lot")]

    func usageMessage(_ words: [String], options: [Option]? = nil, positionals: [Positional]? = nil) -> String? {
        let failure = #expect(throws: CommandFailure.self) {
            try ParsedArguments(words, options: options ?? self.options, positionals: positionals ?? lot)
        }
        #expect(failure?.exit == .usage)
        return failure?.message
    }

    @Test func optionsFlagsAndPositionals() throws {
        let args = try ParsedArguments(["--data", "D", "--level=APP=A", "--level", "REA=B", "--again", "L1"],
                                       options: options, positionals: lot)
        #expect(args.value("data") == "D" && args.values("level") == ["APP=A", "REA=B"])
        #expect(args.flag("again") && args.positionals == ["L1"])
        #expect(try args.positional("LOT") == "L1")
        #expect(try args.required("data") == "D")
    }

    @Test func absentOptionsReadAsNothing() throws {
        let args = try ParsedArguments(["L1"], options: options, positionals: lot)
        #expect(args.value("data") == nil && args.values("level") == [] && !args.flag("again"))
        let failure = #expect(throws: CommandFailure.self) { try args.required("data") }
        #expect(failure?.exit == .usage && failure?.message == "missing --data DIR")
    }

    @Test func mistakesAreUsageErrorsNamingTheOption() {
        #expect(usageMessage(["--dta", "D", "L"]) == "unknown option --dta")
        #expect(usageMessage(["L", "--data"]) == "option --data needs a value")
        #expect(usageMessage(["--data", "--again", "L"]) == "option --data needs a value")
        #expect(usageMessage(["--again=yes", "L"]) == "option --again takes no value")
        #expect(usageMessage(["--data", "A", "--data=B", "L"]) == "option --data given more than once")
        #expect(usageMessage(["a", "b"]) == "unexpected argument 'b'")
        #expect(usageMessage([]) == "missing LOT")
    }

    @Test func requiredOptionsMustBeGivenAndNotEmpty() {
        let required: [Option] = [.value("data", "DIR", "the data folder", required: true)]
        #expect(usageMessage([], options: required, positionals: []) == "missing --data DIR")
        #expect(usageMessage(["--data="], options: required, positionals: []) == "empty value for --data")
        #expect(usageMessage(["--data", ""], options: required, positionals: []) == "empty value for --data")
    }

    @Test func optionalPositionalsAndTheEndOfOptions() throws {
        let positionals = [Positional("FILE", "the file"), Positional("NAME", "a name", optional: true)]
        let one = try ParsedArguments(["f"], options: [], positionals: positionals)
        #expect(try one.positional("FILE") == "f" && one.optionalPositional("NAME") == nil)
        #expect(#expect(throws: CommandFailure.self) { try one.positional("NAME") }?.message == "missing NAME")
        // After `--`, words that look like options are positionals; single-dash words always are.
        let two = try ParsedArguments(["--", "--odd", "-"], options: [], positionals: positionals)
        #expect(two.positionals == ["--odd", "-"])
    }
}
