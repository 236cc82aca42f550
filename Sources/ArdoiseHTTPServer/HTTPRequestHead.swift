/// A request whose head is complete and whose body has not been read: what the server's admission
/// hook sees, so a request can be refused (404, 413, 401…) before it costs a body's memory and time.
public struct HTTPRequestHead: Sendable {
    /// The request without its body (`body` is empty), `peer` set.
    public var request: HTTPRequest
    /// The body length the head declares (0 without Content-Length).
    public var contentLength: Int

    public init(request: HTTPRequest, contentLength: Int) {
        self.request = request
        self.contentLength = contentLength
    }

    public var method: String { request.method }
    public var path: String { request.path }
    public var peer: String { request.peer }
    public var headers: [(name: String, value: String)] { request.headers }
    public func header(_ name: String) -> String? { request.header(name) }
}
