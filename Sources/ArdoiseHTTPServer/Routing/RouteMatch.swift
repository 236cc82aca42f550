/// The route a request head reaches, known before the body is read: enough to refuse a body over
/// `maxBody` or a request that fails `access` without receiving the body first.
public struct RouteMatch<Access: Sendable>: Sendable {
    /// The route's method: "GET" when a HEAD request is answered by the GET route.
    public let method: String
    public let pattern: RoutePattern
    public let access: Access
    public let maxBody: Int
    /// Percent-decoded path parameters.
    public let parameters: [String: String]
}
