/// Wraps dispatch: calls `next` to go on (possibly with a changed request) or answers itself
/// (a rate limit's 429). `next` is non-escaping: a middleware cannot keep it for later.
public typealias Middleware = @Sendable (HTTPRequest, _ next: @Sendable (HTTPRequest) -> HTTPResponse) -> HTTPResponse

enum MiddlewareChain {
    /// `endpoint` wrapped by `layers`, the first one outermost.
    static func compose(
        _ layers: [Middleware], around endpoint: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) -> @Sendable (HTTPRequest) -> HTTPResponse {
        layers.reversed().reduce(endpoint) { next, layer in { request in layer(request, next) } }
    }
}
