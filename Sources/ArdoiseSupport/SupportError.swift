/// A failure of the support code (no randomness, a lock file that cannot be opened), in one line.
public struct SupportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
