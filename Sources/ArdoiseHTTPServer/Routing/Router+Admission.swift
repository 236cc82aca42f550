import Synchronization

/// Checking a request on its head, for `HTTPServer(admit:)`.
extension Router {
    /// What `handle` would refuse from the head alone (404, 405 with Allow, a declared body over the
    /// route's cap as 413, a failed `authenticate`), answered through the same middleware as `handle`,
    /// so that a refusal is counted, logged and audited once and the same way. nil: the head passes,
    /// and the body may be read; `handle` then checks all of it again on the whole request.
    public func admit(_ head: HTTPRequestHead) -> HTTPResponse? {
        let passed = PassFlag()
        let check: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            switch find(method: request.method, path: request.path) {
            case .failure(let error):
                return respond(to: error, request)
            case .success(let (route, _)):
                let endpoint: @Sendable (HTTPRequest) -> HTTPResponse = { request in
                    do {
                        guard head.contentLength <= route.maxBody else {
                            throw RoutingError.bodyTooLarge(limit: route.maxBody, received: head.contentLength)
                        }
                        _ = try authenticate(route.access, request)
                        passed.set()
                        return Self.passMark
                    } catch {
                        return respond(to: error, request)
                    }
                }
                return MiddlewareChain.compose(route.middleware, around: endpoint)(request)
            }
        }
        let response = MiddlewareChain.compose(middleware, around: check)(head.request)
        return passed.isSet && response.status == Self.passMark.status ? nil : response
    }

    /// What the innermost check answers when the head passes; middleware lets it through unchanged.
    private static var passMark: HTTPResponse { HTTPResponse(status: 0) }
}

/// Set by the innermost check when a head passes: the only way out of the middleware chain besides its response.
private final class PassFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
