import ArdoiseSQLite
import ArdoiseSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An executable's whole command line: its commands, the help, and the one place where errors
/// become an `error:` line, maybe a `hint:` line, and an exit code (STYLE, Errors).
public struct CommandLineTool: Sendable {
    public let name: String
    public let summary: String
    public let commands: [Command]
    /// The application's own errors in words; nil leaves the error to the built-in mapping.
    public let explain: @Sendable (any Error) -> CommandFailure?

    public init(name: String, summary: String, commands: [Command],
                explain: @escaping @Sendable (any Error) -> CommandFailure? = { _ in nil }) {
        self.name = name
        self.summary = summary
        self.commands = commands
        self.explain = explain
    }

    /// Runs `arguments` (without the program name) in-process; everything goes to `console`.
    public func run(_ arguments: [String], console: some Console) -> ExitCode {
        guard let first = arguments.first else {
            console.err(usage)
            return .usage
        }
        if Self.helpWords.contains(first) {
            let rest = Array(arguments.dropFirst())
            guard let topic = rest.first else {
                console.out(usage)
                return .ok
            }
            guard let (command, _) = resolve(rest) else { return report(unknownCommand(topic), to: console) }
            console.out(command.help(tool: name))
            return .ok
        }
        guard let (command, consumed) = resolve(arguments) else { return report(unknownCommand(first), to: console) }
        let rest = Array(arguments.dropFirst(consumed))
        // `--help` anywhere before a `--` wins over every other check, so it works on a half-typed line.
        if rest.prefix(while: { $0 != "--" }).contains(where: Self.helpFlags.contains) {
            console.out(command.help(tool: name))
            return .ok
        }
        do {
            let arguments = try command.parse(rest)
            try command.run(arguments, console)
            return .ok
        } catch {
            return report(failure(for: error), command: command, to: console)
        }
    }

    /// The process entry point: runs `CommandLine.arguments` and exits with the result.
    public func main() -> Never {
        let code = run(Array(CommandLine.arguments.dropFirst()), console: StandardConsole())
        exit(code.rawValue)
    }

    /// Every command's usage line and summary.
    public var usage: String {
        var lines = ["usage: \(name) COMMAND [options]", summary, ""]
        for command in commands {
            lines.append("  " + command.usageLine(tool: name))
            lines.append("      " + command.summary)
        }
        lines.append("")
        lines.append("run '\(name) help COMMAND' or '\(name) COMMAND --help' for a command's options")
        return lines.joined(separator: "\n")
    }

    /// The command the first words name, and how many words that took: a two-word name
    /// (`staff search`) is tried before a one-word one.
    func resolve(_ words: [String]) -> (Command, Int)? {
        if words.count >= 2, let command = command(named: words[0] + " " + words[1]) { return (command, 2) }
        return words.first.flatMap { command(named: $0) }.map { ($0, 1) }
    }

    public func command(named name: String) -> Command? {
        commands.first { $0.name == name }
    }

    /// The user-visible failure for anything a command threw: the tool's `explain` first, then
    /// the errors every Ardoise tool shares.
    public func failure(for error: any Error) -> CommandFailure {
        if let explained = explain(error) { return explained }
        switch error {
        case let failure as CommandFailure:
            return failure
        case let database as DatabaseError where database.isDiskProblem:
            return CommandFailure("disk full or I/O error: \(database.message); nothing was recorded",
                                  hint: "free some space or fix the disk, then do it again")
        case let database as DatabaseError:
            return CommandFailure("database error: \(database.message)")
        case let decoding as DecodingError:
            return CommandFailure("unreadable data: \(Self.describe(decoding))")
        default:
            return CommandFailure(String(describing: error))
        }
    }

    static let helpWords: Set<String> = ["help", "--help", "-h"]
    /// Not `help`: after a command name that word may be a value or a positional.
    static let helpFlags: Set<String> = ["--help", "-h"]

    private func unknownCommand(_ word: String) -> CommandFailure {
        .usage("unknown command '\(word)'", hint: "run \(name) help")
    }

    /// Exactly one `error:` line, then a hint; a usage failure without one points at the command's help.
    private func report(_ failure: CommandFailure, command: Command? = nil, to console: some Console) -> ExitCode {
        console.err("error: \(Escape.text(failure.message))")
        if let hint = failure.hint {
            console.err("hint: \(Escape.text(hint))")
        } else if failure.exit == .usage, let command {
            console.err("hint: see \(name) \(command.name) --help")
        }
        return failure.exit
    }

    /// What was wrong and where, in one line, without the underlying error's debug dump.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context):
            return "missing \(type) value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)'\(path(context))"
        case .dataCorrupted(let context):
            return "\(context.debugDescription)\(path(context))"
        @unknown default:
            return String(describing: error)
        }
    }
}
