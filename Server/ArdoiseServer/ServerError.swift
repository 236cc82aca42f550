/// A refusal with its HTTP status and one line of message; the CLI prints the message and exits 1.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let status: Int
    public let message: String

    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public static func badRequest(_ message: String) -> ServerError { ServerError(400, message) }
    public static func unauthorised(_ message: String) -> ServerError { ServerError(401, message) }
    public static func forbidden(_ message: String) -> ServerError { ServerError(403, message) }
    public static func notFound(_ message: String) -> ServerError { ServerError(404, message) }
    public static func conflict(_ message: String) -> ServerError { ServerError(409, message) }

    public var description: String { message }
}
