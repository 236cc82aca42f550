/// What a process tells its caller: whether it worked, and if not whether the command line was wrong
/// or trying again later can help (sysexits.h `EX_USAGE` 64, `EX_TEMPFAIL` 75).
public enum ExitCode: Int32, Sendable {
    case ok = 0
    case failure = 1
    case usage = 64
    case retryLater = 75
}

/// The one error command code throws: a one-line message, an optional hint and the exit code.
/// Libraries throw their own errors; the tool's `explain` turns those into a CommandFailure.
public struct CommandFailure: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public let hint: String?
    public let exit: ExitCode

    public init(_ message: String, hint: String? = nil, exit: ExitCode = .failure) {
        self.message = message
        self.hint = hint
        self.exit = exit
    }

    /// The command line itself is wrong (exit 64); nothing was done.
    public static func usage(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message, hint: hint, exit: .usage)
    }

    /// Something else holds what is needed (exit 75); the same command can work later.
    public static func retryLater(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message, hint: hint, exit: .retryLater)
    }

    public var description: String { message }
}
