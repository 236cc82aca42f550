/// Why the router refused a request before any handler ran. It carries its HTTP status and the
/// headers the status requires (Allow on 405), so an application's `errorResponse` can use them;
/// the router adds those headers itself if `errorResponse` leaves them out.
public struct RoutingError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No route's pattern matches the path.
        case notFound
        /// Some pattern matches the path, but none for this method; `allowed` is sorted.
        case methodNotAllowed(allowed: [String])
        /// The body is longer than the route's cap.
        case bodyTooLarge(limit: Int)
    }

    public let kind: Kind
    public let status: Int
    public let message: String
    public let headers: [(name: String, value: String)]

    public init(kind: Kind, status: Int, message: String, headers: [(name: String, value: String)] = []) {
        self.kind = kind
        self.status = status
        self.message = message
        self.headers = headers
    }

    public static func notFound(method: String, path: String) -> RoutingError {
        RoutingError(kind: .notFound, status: 404, message: "no such endpoint: \(method) \(path)")
    }

    public static func methodNotAllowed(method: String, path: String, allowed: [String]) -> RoutingError {
        let list = allowed.sorted().joined(separator: ", ")
        return RoutingError(
            kind: .methodNotAllowed(allowed: allowed.sorted()), status: 405,
            message: "\(method) is not allowed on \(path); allowed: \(list)", headers: [(name: "Allow", value: list)])
    }

    public static func bodyTooLarge(limit: Int, received: Int) -> RoutingError {
        RoutingError(
            kind: .bodyTooLarge(limit: limit), status: 413,
            message: "request body of \(received) bytes is over this endpoint's limit of \(limit) bytes")
    }

    public var description: String { "\(status) \(message)" }
}
