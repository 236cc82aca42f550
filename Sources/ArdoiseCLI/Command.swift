/// One subcommand as a value: what it accepts, its help, and the code it runs once its arguments
/// have passed every check. Help is generated from the declarations, so it cannot drift from them.
public struct Command: Sendable {
    public let name: String
    /// One line, shown in the tool's help and under the command's usage line.
    public let summary: String
    public let options: [Option]
    public let positionals: [Positional]
    /// Extra lines at the end of the command's help (environment variables, examples).
    public let discussion: String?
    public let run: @Sendable (ParsedArguments, any Console) throws -> Void

    public init(_ name: String, summary: String, options: [Option] = [], positionals: [Positional] = [],
                discussion: String? = nil, run: @escaping @Sendable (ParsedArguments, any Console) throws -> Void) {
        self.name = name
        self.summary = summary
        self.options = options
        self.positionals = positionals
        self.discussion = discussion
        self.run = run
    }

    /// Reads `words` (what follows the command name) against this command's declarations.
    public func parse(_ words: [String]) throws -> ParsedArguments {
        try ParsedArguments(words, options: options, positionals: positionals)
    }

    /// `TOOL NAME --data DIR [--label TEXT] [--again] LOT`: required options first, as declared.
    public func usageLine(tool: String) -> String {
        let parts = [tool, name] + options.filter(\.required).map(\.usage)
            + options.filter { !$0.required }.map(\.usage) + positionals.map(\.usage)
        return parts.joined(separator: " ")
    }

    /// The usage line, the summary, one line per option and positional, then the discussion.
    public func help(tool: String) -> String {
        var rows: [(String, String)] = positionals.map { ($0.name, $0.help + ($0.optional ? " (optional)" : "")) }
        for option in options {
            let left = "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            var right = option.help
            if option.repeatable { right += " (repeatable)" }
            if option.required { right += " (required)" }
            rows.append((left, right))
        }
        rows.append(("-h, --help", "show this help"))
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["usage: \(usageLine(tool: tool))", summary, ""]
        for (left, right) in rows {
            lines.append("  " + left.padded(to: width + 2) + right)
        }
        if let discussion, !discussion.isEmpty {
            lines.append("")
            lines.append(discussion)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Pads with spaces to `length` characters (Foundation's `padding(toLength:withPad:startingAt:)`
    /// counts UTF-16 units, which misaligns accented letters).
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
