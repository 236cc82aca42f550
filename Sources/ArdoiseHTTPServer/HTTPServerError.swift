/// A failure to set up the listening socket, with the errno that caused it.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The errno value, or 0 when the failure is not a system call's.
    public var code: Int32
    public var message: String
    public var hint: String?

    public init(code: Int32, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
