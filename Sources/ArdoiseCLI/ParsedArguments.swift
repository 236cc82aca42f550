/// A command's words read against what it declares: `--name value`, `--name=value`, repeated options,
/// flags and positionals. Every check that needs no data happens here, before the command runs, so
/// a misspelt option or a missing value is a usage error (exit 64) and nothing is touched.
public struct ParsedArguments: Sendable {
    public let options: [Option]
    public let declaredPositionals: [Positional]
    /// Positional words in the order given.
    public private(set) var positionals: [String] = []
    private var valuesByName: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Throws a usage `CommandFailure` naming the option or argument at fault.
    public init(_ words: [String], options: [Option], positionals declared: [Positional]) throws {
        self.options = options
        self.declaredPositionals = declared
        var byName: [String: Option] = [:]
        for option in options { byName[option.name] = option }

        var index = 0
        var endOfOptions = false
        while index < words.count {
            let word = words[index]
            index += 1
            if endOfOptions || !Self.looksLikeOption(word) {
                // `--` alone ends the options, so a positional may itself start with `--`.
                if !endOfOptions && word == "--" { endOfOptions = true } else { positionals.append(word) }
                continue
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = byName[name] else { throw CommandFailure.usage("unknown option --\(name)") }
            if option.isFlag {
                guard inline == nil else { throw CommandFailure.usage("option --\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                // `--label --again` almost always means a forgotten value; `--label=--again` says otherwise.
                guard index < words.count, !Self.looksLikeOption(words[index]) else {
                    throw CommandFailure.usage("option --\(name) needs a value")
                }
                value = words[index]
                index += 1
            }
            if !option.repeatable && valuesByName[name] != nil {
                throw CommandFailure.usage("option --\(name) given more than once")
            }
            valuesByName[name, default: []].append(value)
        }

        if positionals.count > declared.count {
            throw CommandFailure.usage("unexpected argument '\(positionals[declared.count])'")
        }
        for option in options where option.required {
            guard let given = valuesByName[option.name] else {
                throw CommandFailure.usage("missing \(option.usage)")
            }
            if given.contains(where: \.isEmpty) { throw CommandFailure.usage("empty value for --\(option.name)") }
        }
        for (index, positional) in declared.enumerated() where !positional.optional && index >= positionals.count {
            throw CommandFailure.usage("missing \(positional.name)")
        }
    }

    /// `--x` with at least one character after the dashes; `-`, `-x` and `--` are not options here.
    static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("--") && word.count > 2
    }

    /// The value of an option given once (the last one if repeatable), nil if absent.
    public func value(_ name: String) -> String? {
        assert(isDeclared(name), "option --\(name) is not declared by this command")
        return valuesByName[name]?.last
    }

    /// Every value of a repeatable option, in the order given.
    public func values(_ name: String) -> [String] {
        assert(isDeclared(name), "option --\(name) is not declared by this command")
        return valuesByName[name] ?? []
    }

    public func flag(_ name: String) -> Bool {
        assert(isDeclared(name), "option --\(name) is not declared by this command")
        return flags.contains(name)
    }

    /// For options only some uses of a command need; declare always-needed ones `required: true`.
    public func required(_ name: String) throws -> String {
        guard let value = value(name), !value.isEmpty else {
            let shown = options.first { $0.name == name }.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") }
            throw CommandFailure.usage("missing \(shown ?? "--\(name)")")
        }
        return value
    }

    /// The positional declared under `name` (e.g. `LOT`).
    public func positional(_ name: String) throws -> String {
        guard let value = optionalPositional(name) else { throw CommandFailure.usage("missing \(name)") }
        return value
    }

    public func optionalPositional(_ name: String) -> String? {
        guard let index = declaredPositionals.firstIndex(where: { $0.name == name }) else {
            assertionFailure("argument \(name) is not declared by this command")
            return nil
        }
        return index < positionals.count ? positionals[index] : nil
    }

    private func isDeclared(_ name: String) -> Bool {
        options.contains { $0.name == name }
    }
}
