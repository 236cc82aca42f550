/// A user-visible failure: one line of message, an optional hint, and the exit code that says
/// whether trying again can help (0 ok, 1 failure, 64 usage, 75 retry later).
public struct CLIError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let hint: String?
    public let exitCode: Int32

    public init(_ message: String, hint: String? = nil, exitCode: Int32 = 1) {
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
    }

    public static func usage(_ message: String, hint: String? = nil) -> CLIError {
        CLIError(message, hint: hint, exitCode: 64)
    }

    public static func retryLater(_ message: String, hint: String? = nil) -> CLIError {
        CLIError(message, hint: hint, exitCode: 75)
    }

    public var description: String { message }
}
