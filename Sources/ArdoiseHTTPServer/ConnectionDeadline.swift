/// The timeout rules of one connection as a pure state machine: the caller passes the current
/// time in (seconds on any monotonic clock), so tests drive it without sleeping.
///
/// - A request must deliver its complete head within `headerReadTimeout` of its first byte
///   (of accept, for a connection's first request): slow-header clients are cut off even if
///   they trickle bytes.
/// - Between requests a keep-alive connection may idle for `idleTimeout`.
/// - While a body arrives, each stall may last `idleTimeout`.
struct ConnectionDeadline: Sendable {
    enum Phase: Sendable, Equatable {
        /// Waiting for a request; nothing of it has arrived yet.
        case idle
        /// Some of a head has arrived (or it is the connection's first request).
        case readingHead(since: Double)
        /// The head is complete; the body is arriving.
        case readingBody
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
    private(set) var phase: Phase
    private(set) var deadline: Double
    /// Whether any byte of the current request has arrived.
    private var requestStarted = false

    init(headerReadTimeout: Double, idleTimeout: Double, acceptedAt now: Double) {
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        phase = .readingHead(since: now)
        deadline = now + headerReadTimeout
    }

    /// Seconds left before the deadline, never negative.
    func remaining(at now: Double) -> Double { max(0, deadline - now) }

    func hasExpired(at now: Double) -> Bool { now >= deadline }

    var expiry: Expiry { requestStarted ? .requestTimeout : .closeSilently }

    /// Bytes arrived; `midRequest` and `readingBody` come from the parser after it saw them.
    mutating func received(at now: Double, midRequest: Bool, readingBody: Bool) {
        if readingBody {
            phase = .readingBody
            requestStarted = true
            deadline = now + idleTimeout
            return
        }
        guard midRequest else { return }  // only skipped empty lines: keep the current deadline
        requestStarted = true
        if case .idle = phase {
            phase = .readingHead(since: now)
            deadline = now + headerReadTimeout
        }
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
