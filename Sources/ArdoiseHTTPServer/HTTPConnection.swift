import Glibc

/// One accepted connection as the event loop sees it: its parser, its deadline, the bytes still to
/// write, and whether a worker holds its request. Only the loop's thread touches it, so it needs no
/// lock; what workers produce reaches it through `EventLoop.post`.
///
/// At most one request per connection is with a worker at a time, and nothing more is read while a
/// response is pending: a client that pipelines without reading cannot make the server buffer more.
final class HTTPConnection {
    /// What a worker hands back for a connection.
    enum Outcome: Sendable {
        /// The admission hook accepted the head: read the body.
        case admitted
        /// A response to write, already serialized; once it is out, the access log gets `summary`
        /// and the milliseconds since `started` (the handler's start).
        case response(bytes: [UInt8], close: Bool, summary: String, started: Double)
    }

    let id: UInt64
    let fd: Int32
    let peer: String
    /// The client's IP address, the key of the per-address cap.
    let address: String
    private unowned let loop: EventLoop
    private var parser: HTTPRequestParser
    private(set) var deadline: ConnectionDeadline
    private var outbox: [UInt8] = []
    private var written = 0
    /// A worker holds this connection's request or head.
    private var busy = false
    /// The head of the request being read was admitted (so its body may be read).
    private var headAdmitted = false
    /// The outbox holds a response (not only a 100 Continue): nothing more is read until it is out.
    private var responsePending = false
    private var closeAfterWrite = false
    private var logLine: (summary: String, started: Double)?
    private var drained = 0
    /// The epoll interest currently registered, to skip redundant epoll_ctl calls.
    private(set) var interest: UInt32

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let maxDrainBytes = 1 << 20

    init(id: UInt64, fd: Int32, peer: String, address: String, loop: EventLoop, now: Double) {
        self.id = id
        self.fd = fd
        self.peer = peer
        self.address = address
        self.loop = loop
        let limits = loop.limits
        parser = HTTPRequestParser(limits: limits)
        deadline = ConnectionDeadline(
            headerReadTimeout: limits.headerReadTimeout, idleTimeout: limits.idleTimeout,
            bodyReadTimeout: limits.bodyReadTimeout, acceptedAt: now)
        interest = Epoll.readable
    }

    private var isLingering: Bool { deadline.phase == .lingering }

    // MARK: Events from the loop

    func readable(now: Double) {
        if isLingering { return drain() }
        guard !busy, !responsePending else { return }
        guard let count = loop.receive(fd, into: { parser.append($0) }) else { return }  // spurious wake-up
        guard count > 0 else { return loop.close(self) }  // EOF or reset: the client is gone
        process(now: now, freshBytes: true)
    }

    func writable(now: Double) { flush(now: now) }

    /// The deadline passed: a 408 if a request was under way, else a silent close.
    func expire(now: Double) {
        if deadline.expiry == .requestTimeout && !busy && !responsePending {
            reject(HTTPParseError(status: 408, message: "request not received in time"), now: now)
        } else {
            loop.close(self)
        }
    }

    func completed(_ outcome: Outcome, now: Double) {
        busy = false
        switch outcome {
        case .admitted:
            headAdmitted = true
            deadline.resumedBody(at: now)
            if parser.takePendingContinue() { queue(Self.continueLine, now: now, response: false) }
            process(now: now, freshBytes: false)
        case .response(let bytes, let close, let summary, let started):
            logLine = (summary, started)
            queue(bytes, now: now, response: true, close: close)
        }
        if loop.isOpen(self) { updateInterest() }
    }

    // MARK: Parsing and handing over

    /// Takes what the parser can give: one request (or head) goes to a worker, an error is answered.
    private func process(now: Double, freshBytes: Bool) {
        switch parser.next() {
        case .request(var request):
            request.peer = peer
            let needsAdmission = !headAdmitted
            headAdmitted = false
            handOver(now: now, write: loop.isWrite(request)) { [loop, request] in loop.handle(request, admit: needsAdmission) }
        case .failure(let error):
            reject(error, now: now)
        case .needMore:
            // Updated after parsing, so a head that just completed starts the body clock.
            if freshBytes {
                deadline.received(at: now, midRequest: parser.isMidRequest, readingBody: parser.isReadingBody)
            }
            if !headAdmitted, loop.hasAdmission, var head = parser.pendingHead {
                head.request.peer = peer
                handOver(now: now) { [loop, head] in loop.admit(head) }
            } else if parser.takePendingContinue() {
                queue(Self.continueLine, now: now, response: false)
            }
        }
        if loop.isOpen(self) { updateInterest() }
    }

    private func handOver(now: Double, write: Bool = false, _ work: @escaping @Sendable () -> Outcome) {
        busy = true
        deadline.handling()
        let id = id
        let job: WorkerPool.Job = { [loop] in loop.post(id, work()) }
        let submitted = write ? loop.submitWrite(job) : loop.submit(job)
        if !submitted {
            busy = false
            loop.log("rejected \(peer): 503 all handler workers busy")
            let response = HTTPResponse.text(503, "server busy, retry later\n")
            queue(response.serialized(close: true), now: now, response: true, close: true)
        }
    }

    /// Answers a refused request with its status and a one-line reason, then closes.
    private func reject(_ error: HTTPParseError, now: Double) {
        loop.log("rejected \(peer): \(error.status) \(error.message)")
        let response = HTTPResponse.text(error.status, error.message + "\n")
        queue(response.serialized(close: true), now: now, response: true, close: true)
        if loop.isOpen(self) { updateInterest() }
    }

    // MARK: Writing

    private func queue(_ bytes: [UInt8], now: Double, response: Bool, close: Bool = false) {
        if outbox.isEmpty {
            outbox = bytes
            written = 0
        } else {
            outbox += bytes
        }
        if response {
            responsePending = true
            closeAfterWrite = close
            deadline.wrote(at: now)
        }
        flush(now: now)
    }

    /// Writes what the socket takes without blocking; on the last byte of a response, logs it and
    /// either lingers before closing or goes back to reading (maybe a pipelined request).
    private func flush(now: Double) {
        guard written < outbox.count else { return }
        switch SocketIO.sendAvailable(fd, outbox, from: &written) {
        case .failed:
            return loop.close(self)
        case .progress:
            if responsePending { deadline.wrote(at: now) }
            if written < outbox.count { return updateInterest() }
        }
        outbox = []
        written = 0
        guard responsePending else { return updateInterest() }
        responsePending = false
        if let line = logLine { loop.log("\(line.summary) \(Self.format((now - line.started) * 1000))ms") }
        logLine = nil
        if closeAfterWrite {
            _ = shutdown(fd, Int32(SHUT_WR))
            deadline.lingering(at: now)
            updateInterest()
            return
        }
        deadline.responded(at: now, midRequest: parser.isMidRequest)
        process(now: now, freshBytes: false)
    }

    /// Discards what the client still sends after our closing response, so that closing with unread
    /// input does not reset the connection before the client has read it.
    private func drain() {
        guard let count = loop.receive(fd, into: { _ in }) else { return }
        drained += count
        if count <= 0 || drained >= Self.maxDrainBytes { loop.close(self) }
    }

    private func updateInterest() {
        var wanted: UInt32 = 0
        if isLingering || (!busy && !responsePending) { wanted |= Epoll.readable }
        if written < outbox.count { wanted |= Epoll.writable }
        guard wanted != interest else { return }
        interest = wanted
        loop.setInterest(self, wanted)
    }

    private static func format(_ milliseconds: Double) -> String {
        let tenths = Int((milliseconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
