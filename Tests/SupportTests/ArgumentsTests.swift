import ArdoiseSupport
import Testing

/// The hand-written argument parser: every option declared, misspellings are usage errors (exit 64).
@Suite struct ArgumentsTests {
    @Test func optionsFlagsAndPositionals() throws {
        let args = try Arguments(["--data", "D", "--level=APP=A", "--level", "REA=B", "--again", "L1"],
                                 valued: ["data", "level"], flagNames: ["again"])
        #expect(args.value("data") == "D" && args.values("level") == ["APP=A", "REA=B"])
        #expect(args.flag("again") && args.positionals == ["L1"])
        #expect(try args.positional(0, "lot") == "L1")
    }

    @Test func mistakesAreUsageErrorsNamingTheOption() {
        let unknown = #expect(throws: CLIError.self) { try Arguments(["--dta", "D"], valued: ["data"]) }
        #expect(unknown?.exitCode == 64 && unknown?.message == "unknown option --dta")
        let missing = #expect(throws: CLIError.self) { try Arguments(["--data"], valued: ["data"]) }
        #expect(missing?.message == "option --data needs a value")
        let extra = #expect(throws: CLIError.self) {
            try Arguments(["a", "b"], valued: []).expectPositionals(atMost: 1)
        }
        #expect(extra?.message == "unexpected argument 'b'")
        #expect(throws: CLIError.self) { try Arguments([], valued: ["data"]).required("data") }
    }
}
