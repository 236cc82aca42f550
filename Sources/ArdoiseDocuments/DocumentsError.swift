/// Why a document could not be made or sent: one line, a hint, and whether retrying can help.
public struct DocumentsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    /// True only for mail that did not reach the server (unreachable, timed out, link lost).
    public var isRetryable: Bool

    public init(_ message: String, hint: String? = nil, isRetryable: Bool = false) {
        self.message = message
        self.hint = hint
        self.isRetryable = isRetryable
    }

    public var description: String { message }
}
