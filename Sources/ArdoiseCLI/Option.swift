/// One `--name` a command accepts: with a value (`--data DIR`) or a flag (`--again`).
public struct Option: Sendable, Equatable {
    /// Without the leading `--`.
    public let name: String
    /// What the value looks like in help (`DIR`); nil for a flag.
    public let valueName: String?
    public let help: String
    /// May be given more than once; every value is kept, in order.
    public let repeatable: Bool
    /// Must be given with a non-empty value; checked before the command runs.
    public let required: Bool

    public init(name: String, valueName: String?, help: String, repeatable: Bool = false, required: Bool = false) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.required = required
    }

    public var isFlag: Bool { valueName == nil }

    /// `--name VALUE`, given at most once.
    public static func value(_ name: String, _ valueName: String, _ help: String, required: Bool = false) -> Option {
        Option(name: name, valueName: valueName, help: help, required: required)
    }

    /// `--name`, no value.
    public static func flag(_ name: String, _ help: String) -> Option {
        Option(name: name, valueName: nil, help: help)
    }

    /// `--name VALUE ...`, any number of times.
    public static func repeated(_ name: String, _ valueName: String, _ help: String, required: Bool = false) -> Option {
        Option(name: name, valueName: valueName, help: help, repeatable: true, required: required)
    }

    /// How it reads in a usage line: `--data DIR`, `[--label TEXT]`, `[--level COMP=LEVEL ...]`.
    var usage: String {
        var text = "--\(name)"
        if let valueName { text += " \(valueName)" }
        if repeatable { text += " ..." }
        return required ? text : "[\(text)]"
    }
}

/// One word a command takes by position, named for help and for `ParsedArguments.positional(_:)`.
public struct Positional: Sendable, Equatable {
    /// As shown in help, e.g. `LOT`.
    public let name: String
    public let help: String
    /// Optional positionals come after the required ones.
    public let optional: Bool

    public init(_ name: String, _ help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
    }

    var usage: String { optional ? "[\(name)]" : name }
}
