/// Serves one accepted connection on the calling thread: parse, handle, respond, repeat
/// while keep-alive lasts, enforcing the timeouts of `ConnectionDeadline`.
struct HTTPConnection {
    let fd: Int32
    let peer: String
    let limits: HTTPServerLimits
    let log: @Sendable (String) -> Void
    let handler: @Sendable (HTTPRequest) -> HTTPResponse

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Returns when the connection should be closed; the caller closes the descriptor.
    func serve() {
        SocketIO.configureConnection(fd, sendTimeout: limits.idleTimeout)
        var parser = HTTPRequestParser(limits: limits)
        var deadline = ConnectionDeadline(
            headerReadTimeout: limits.headerReadTimeout, idleTimeout: limits.idleTimeout, acceptedAt: SocketIO.now())
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var freshBytes = false
        while true {
            switch parser.next() {
            case .request(let request):
                guard respond(to: request) else { return }
                deadline.responded(at: SocketIO.now(), midRequest: parser.isMidRequest)
            case .failure(let error):
                reject(error)
                return
            case .needMore:
                if freshBytes {
                    // Updated after parsing, so a head that just completed starts the body clock.
                    deadline.received(
                        at: SocketIO.now(), midRequest: parser.isMidRequest, readingBody: parser.isReadingBody)
                    freshBytes = false
                }
                if parser.takePendingContinue(), !SocketIO.sendAll(fd, Self.continueLine) { return }
                switch SocketIO.waitReadable(fd, timeout: deadline.remaining(at: SocketIO.now())) {
                case .failed:
                    return
                case .timedOut:
                    guard deadline.hasExpired(at: SocketIO.now()) else { continue }
                    if deadline.expiry == .requestTimeout {
                        reject(HTTPParseError(status: 408, message: "request not received in time"))
                    }
                    return
                case .readable:
                    let count = SocketIO.receive(fd, into: &chunk)
                    guard count > 0 else { return }  // EOF or reset: the client is gone
                    parser.append(chunk[0..<count])
                    freshBytes = true
                }
            }
        }
    }

    /// Runs the handler and writes its response; true if the connection stays open.
    private func respond(to request: HTTPRequest) -> Bool {
        let started = SocketIO.now()
        var request = request
        request.peer = peer
        let response = handler(request)
        let close = !request.keepAlive || response.asksToClose
        let bytes = response.serialized(
            close: close, keepAliveHeader: !close && request.version == "HTTP/1.0",
            includeBody: request.method != "HEAD")
        let sent = SocketIO.sendAll(fd, bytes)
        let milliseconds = (SocketIO.now() - started) * 1000
        log("\(request.method) \(request.path) \(response.status) \(response.body.count)B \(Self.format(milliseconds))ms")
        if close && sent { SocketIO.lingerBeforeClose(fd) }
        return sent && !close
    }

    /// Answers a refused request with its status and a one-line reason, then closes.
    private func reject(_ error: HTTPParseError) {
        log("rejected \(peer): \(error.status) \(error.message)")
        let response = HTTPResponse.text(error.status, error.message + "\n")
        if SocketIO.sendAll(fd, response.serialized(close: true)) {
            SocketIO.lingerBeforeClose(fd)
        }
    }

    private static func format(_ milliseconds: Double) -> String {
        let tenths = Int((milliseconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
