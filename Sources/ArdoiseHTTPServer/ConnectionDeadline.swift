/// The timeout rules of one connection as a pure state machine: the caller passes the current
/// time in (seconds on any monotonic clock), so tests drive it without sleeping.
///
/// - A request must deliver its complete head within `headerReadTimeout` of its first byte
///   (of accept, for a connection's first request): slow-header clients are cut off even if
///   they trickle bytes.
/// - Between requests a keep-alive connection may idle for `idleTimeout`.
/// - While a body arrives, each stall may last `idleTimeout`, and the whole body must arrive
///   within `bodyReadTimeout` of the head: a client trickling one byte now and then cannot
///   hold a connection and its buffer for ever.
/// - While the handler runs there is no deadline; while a response is written, each stall may
///   last `idleTimeout`; after a closing response, the input is drained for `lingerTimeout`.
struct ConnectionDeadline: Sendable {
    enum Phase: Sendable, Equatable {
        /// Waiting for a request; nothing of it has arrived yet.
        case idle
        /// Some of a head has arrived (or it is the connection's first request).
        case readingHead(since: Double)
        /// The head is complete; the body is arriving since `since`.
        case readingBody(since: Double)
        /// A worker checks the head or runs the handler.
        case handling
        /// A response is being written.
        case writing
        /// The last response is out; what the client still sends is discarded before closing.
        case lingering
    }

    /// What to do when the deadline has passed.
    enum Expiry: Sendable, Equatable {
        /// Close without a word: no request was under way.
        case closeSilently
        /// Answer 408 Request Timeout, then close.
        case requestTimeout
    }

    let headerReadTimeout: Double
    let idleTimeout: Double
    let bodyReadTimeout: Double
    static let lingerTimeout = 1.0
    private(set) var phase: Phase
    private(set) var deadline: Double
    /// Whether any byte of the current request has arrived.
    private var requestStarted = false

    init(headerReadTimeout: Double, idleTimeout: Double, bodyReadTimeout: Double = 30, acceptedAt now: Double) {
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        self.bodyReadTimeout = bodyReadTimeout
        phase = .readingHead(since: now)
        deadline = now + headerReadTimeout
    }

    /// Seconds left before the deadline, never negative.
    func remaining(at now: Double) -> Double { max(0, deadline - now) }

    func hasExpired(at now: Double) -> Bool { now >= deadline }

    var expiry: Expiry {
        switch phase {
        case .writing, .lingering, .handling: return .closeSilently
        case .idle, .readingHead, .readingBody: return requestStarted ? .requestTimeout : .closeSilently
        }
    }

    /// Bytes arrived; `midRequest` and `readingBody` come from the parser after it saw them.
    mutating func received(at now: Double, midRequest: Bool, readingBody: Bool) {
        if readingBody {
            let since: Double
            if case .readingBody(let start) = phase { since = start } else { since = now }
            phase = .readingBody(since: since)
            requestStarted = true
            deadline = min(now + idleTimeout, since + bodyReadTimeout)
            return
        }
        guard midRequest else { return }  // only skipped empty lines: keep the current deadline
        requestStarted = true
        if case .idle = phase {
            phase = .readingHead(since: now)
            deadline = now + headerReadTimeout
        }
    }

    /// A worker took the request (or its head): its time is the handler's, not the client's.
    mutating func handling() {
        phase = .handling
        deadline = .infinity
    }

    /// The head was admitted and its body is still to come: the body clock starts now.
    mutating func resumedBody(at now: Double) {
        phase = .readingBody(since: now)
        requestStarted = true
        deadline = min(now + idleTimeout, now + bodyReadTimeout)
    }

    /// A response started going out, or some of it did: a client that stops reading is cut off.
    mutating func wrote(at now: Double) {
        phase = .writing
        deadline = now + idleTimeout
    }

    /// The closing response is out; drain the input a moment so the client reads it before a reset.
    mutating func lingering(at now: Double) {
        phase = .lingering
        deadline = now + Self.lingerTimeout
    }

    /// A response went out and the connection stays open. `midRequest`: pipelined bytes of the
    /// next request are already buffered, so its head clock starts now.
    mutating func responded(at now: Double, midRequest: Bool) {
        requestStarted = midRequest
        if midRequest {
            phase = .readingHead(since: now)
            deadline = now + headerReadTimeout
        } else {
            phase = .idle
            deadline = now + idleTimeout
        }
    }
}
