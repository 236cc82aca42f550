/// Command-line arguments parsed by hand: `--name value` options, repeatable ones, flags and positionals.
/// Every option must be declared by the command that reads it, so a misspelt one is a usage error.
public struct Arguments {
    public private(set) var positionals: [String] = []
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// `valued` are the options that take a value; `flagNames` those that do not.
    public init(_ words: [String], valued: Set<String>, flagNames: Set<String> = []) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if flagNames.contains(name), inline == nil {
                flags.insert(name)
            } else if valued.contains(name) {
                if let inline {
                    options[name, default: []].append(inline)
                } else {
                    guard index < words.count else { throw CLIError.usage("option --\(name) needs a value") }
                    options[name, default: []].append(words[index])
                    index += 1
                }
            } else {
                throw CLIError.usage("unknown option --\(name)")
            }
        }
    }

    public func value(_ name: String) -> String? { options[name]?.last }
    public func values(_ name: String) -> [String] { options[name] ?? [] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    public func required(_ name: String) throws -> String {
        guard let value = value(name), !value.isEmpty else { throw CLIError.usage("missing --\(name)") }
        return value
    }

    public func positional(_ index: Int, _ what: String) throws -> String {
        guard index < positionals.count else { throw CLIError.usage("missing \(what)") }
        return positionals[index]
    }

    /// Refuses positionals beyond the ones a command takes.
    public func expectPositionals(atMost count: Int) throws {
        if positionals.count > count {
            throw CLIError.usage("unexpected argument '\(positionals[count])'")
        }
    }
}
