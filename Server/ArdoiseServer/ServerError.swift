/// The server library's one error type: a refusal with its HTTP status, one line of message and, where
/// it helps, a hint. The HTTP layer sends the status; the command line maps it to an exit code.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let status: Int
    public let message: String
    public let hint: String?
    /// What a program can act on (`ErrorCode`), with the sequence number expected after a gap.
    public var code: String?
    public var expected: Int64?

    public init(_ status: Int, _ message: String, hint: String? = nil, code: String? = nil, expected: Int64? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
        self.code = code
        self.expected = expected
    }

    public static func badRequest(_ message: String) -> ServerError { ServerError(400, message) }
    public static func unauthorised(_ message: String) -> ServerError { ServerError(401, message) }
    public static func forbidden(_ message: String) -> ServerError { ServerError(403, message) }
    public static func notFound(_ message: String) -> ServerError { ServerError(404, message) }
    public static func conflict(_ message: String) -> ServerError { ServerError(409, message) }
    /// Input that cannot be used as it is (a session file with problems): nothing was written.
    public static func invalid(_ message: String) -> ServerError { ServerError(422, message) }

    /// The first of `problems` in one line, saying how many more there are.
    static func invalid(first problems: [String], or fallback: String) -> ServerError {
        let others = problems.count - 1
        let more = others > 0 ? " (and \(others) more problem\(others == 1 ? "" : "s"))" : ""
        return .invalid((problems.first ?? fallback) + more)
    }

    /// Whether trying again later can help.
    public var isTemporary: Bool { status == 429 || status == 503 }

    public var description: String { message }
}
