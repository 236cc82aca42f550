import Dispatch
import CEpoll
import Glibc
import Synchronization

/// The one thread that owns every socket (epoll, level-triggered): it accepts, reads, parses, keeps
/// each connection's deadline and writes responses, never blocking on a client. Heads to admit and
/// complete requests go to the `WorkerPool`; what the workers produce comes back through `post`.
///
/// `@unchecked Sendable`: the connection table and everything after "Loop thread only" are touched by
/// the loop's thread alone; other threads use only `post`, `requestStop` and the locked members.
final class EventLoop: @unchecked Sendable {
    let limits: HTTPServerLimits
    let log: @Sendable (String) -> Void
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let admission: (@Sendable (HTTPRequestHead) -> HTTPResponse?)?
    /// Requests that go to the writer lane (`HTTPServer(writes:)`).
    private let writes: (@Sendable (HTTPRequest) -> Bool)?
    private let counters: ConnectionCounters
    private let epoll: Epoll
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let inbox = Mutex<[(id: UInt64, outcome: HTTPConnection.Outcome)]>([])
    private let stopping = Mutex(false)

    // Loop thread only.
    private var pool: WorkerPool?
    private var writerPool: WorkerPool?
    private var connections: [UInt64: HTTPConnection] = [:]
    private var perAddress: [String: Int] = [:]
    private var nextID: UInt64 = 2
    /// No connection's deadline falls before this time (a lower bound: deadlines only get checked then).
    private var nextSweep = Double.infinity
    /// Set while accepting is paused after running out of descriptors.
    private var acceptResumesAt: Double?
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)

    private static let listenerKey: UInt64 = 0
    private static let wakeKey: UInt64 = 1
    private static let acceptBatch = 256

    init(
        listener: Int32, limits: HTTPServerLimits, counters: ConnectionCounters, log: @escaping @Sendable (String) -> Void,
        admission: (@Sendable (HTTPRequestHead) -> HTTPResponse?)?, writes: (@Sendable (HTTPRequest) -> Bool)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        self.writes = writes
        self.listener = listener
        self.limits = limits
        self.counters = counters
        self.log = log
        self.admission = admission
        self.handler = handler
        epoll = try Epoll()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            let code = errno
            epoll.close()
            throw HTTPServerError(code: code, message: "could not create a pipe: \(SocketIO.errorMessage(code))")
        }
        // Non-blocking both ends: a full pipe already means "wake up", and draining must not wait.
        for end in ends { SocketIO.configureConnection(end) }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    deinit {
        epoll.close()
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    var hasAdmission: Bool { admission != nil }

    // MARK: Any thread

    /// Hands a worker's outcome to the loop; wakes it only when the inbox was empty (it drains it all).
    func post(_ id: UInt64, _ outcome: HTTPConnection.Outcome) {
        let wasEmpty = inbox.withLock { inbox in
            defer { inbox.append((id, outcome)) }
            return inbox.isEmpty
        }
        if wasEmpty { wake() }
    }

    func requestStop() {
        stopping.withLock { $0 = true }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: Worker threads

    /// The admission hook on a head whose body has not been read.
    func admit(_ head: HTTPRequestHead) -> HTTPConnection.Outcome {
        guard let admission, let refusal = admission(head) else { return .admitted }
        return Self.outcome(refusal, to: head.request, started: SocketIO.now(), forceClose: true)
    }

    /// The handler on a complete request, after the admission hook unless its head passed it already.
    func handle(_ request: HTTPRequest, admit needsAdmission: Bool) -> HTTPConnection.Outcome {
        let started = SocketIO.now()
        var request = request
        if needsAdmission, let admission {
            var bare = request
            bare.body = []
            if let refusal = admission(HTTPRequestHead(request: bare, contentLength: request.body.count)) {
                return Self.outcome(refusal, to: request, started: started, forceClose: true)
            }
        }
        if admission != nil { request.admitted = true }
        return Self.outcome(handler(request), to: request, started: started, forceClose: false)
    }

    private static func outcome(
        _ response: HTTPResponse, to request: HTTPRequest, started: Double, forceClose: Bool
    ) -> HTTPConnection.Outcome {
        let close = forceClose || !request.keepAlive || response.asksToClose
        let bytes = response.serialized(
            close: close, keepAliveHeader: !close && request.version == "HTTP/1.0",
            includeBody: request.method != "HEAD")
        let summary = "\(request.method) \(request.path) \(response.status) \(response.body.count)B"
        return .response(bytes: bytes, close: close, summary: summary, started: started)
    }

    // MARK: Loop thread

    func run(pool: WorkerPool, writerPool: WorkerPool?) {
        self.pool = pool
        self.writerPool = writerPool
        epoll.add(listener, key: Self.listenerKey, events: Epoll.readable)
        epoll.add(wakeRead, key: Self.wakeKey, events: Epoll.readable)
        var events = [epoll_event](repeating: epoll_event(), count: 512)
        while !stopping.withLock({ $0 }) {
            let wakeAt = min(nextSweep, acceptResumesAt ?? .infinity)
            for event in epoll.wait(into: &events, timeout: min(wakeAt - SocketIO.now(), 1)) {
                switch event.data.u64 {
                case Self.listenerKey: acceptReady()
                case Self.wakeKey: drainWakePipe()
                case let id: if let connection = connections[id] { ready(connection, event.events) }
                }
            }
            deliverInbox()
            let now = SocketIO.now()
            if now >= nextSweep { sweep(now: now) }
            if let resume = acceptResumesAt, now >= resume {
                acceptResumesAt = nil
                epoll.modify(listener, key: Self.listenerKey, events: Epoll.readable)
            }
        }
        for connection in connections.values {
            shutdown(connection.fd, Int32(SHUT_RDWR))
            close(connection)
        }
        epoll.remove(listener)
    }

    private func ready(_ connection: HTTPConnection, _ events: UInt32) {
        let now = SocketIO.now()
        if events & (Epoll.readable | Epoll.failed) != 0, connection.interest & Epoll.readable != 0 {
            connection.readable(now: now)
        }
        if isOpen(connection), events & (Epoll.writable | Epoll.failed) != 0, connection.interest & Epoll.writable != 0 {
            connection.writable(now: now)
        }
        // A hang-up while a worker holds the request: nothing to read or write, so stop watching now.
        if isOpen(connection), events & Epoll.failed != 0, connection.interest == 0 { close(connection) }
        track(connection)
    }

    private func deliverInbox() {
        let outcomes = inbox.withLock { inbox in
            defer { inbox.removeAll(keepingCapacity: true) }
            return inbox
        }
        guard !outcomes.isEmpty else { return }
        let now = SocketIO.now()
        for (id, outcome) in outcomes {
            guard let connection = connections[id] else { continue }  // closed meanwhile
            connection.completed(outcome, now: now)
            track(connection)
        }
    }

    private func track(_ connection: HTTPConnection) {
        if isOpen(connection) { nextSweep = min(nextSweep, connection.deadline.deadline) }
    }

    /// Expires the connections whose deadline passed and finds the next deadline.
    private func sweep(now: Double) {
        let expired = connections.values.filter { $0.deadline.hasExpired(at: now) }
        for connection in expired { connection.expire(now: now) }
        let next = connections.values.lazy.map(\.deadline.deadline).min() ?? .infinity
        // A floor, so that deadlines a few microseconds apart do not cost a sweep each.
        nextSweep = max(next, now + 0.005)
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    private func acceptReady() {
        for _ in 0..<Self.acceptBatch {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
            }
            guard fd >= 0 else {
                let code = errno
                switch code {
                case EAGAIN, EWOULDBLOCK: return
                case EINTR, ECONNABORTED, EPROTO: continue
                default:
                    // Out of descriptors or memory: say so, and stop watching the listener for a moment
                    // instead of spinning on it (level-triggered, it stays readable).
                    log("accept failed: \(SocketIO.errorMessage(code)); pausing accept for 100 ms")
                    acceptResumesAt = SocketIO.now() + 0.1
                    epoll.modify(listener, key: Self.listenerKey, events: 0)
                    return
                }
            }
            SocketIO.configureConnection(fd)
            let ip = Self.ip(address)
            let peer = "\(ip):\(UInt16(bigEndian: address.sin_port))"
            if connections.count >= limits.maxConnections {
                refuse(fd, peer: peer, reason: "too many connections (\(limits.maxConnections))")
            } else if perAddress[ip, default: 0] >= limits.maxConnectionsPerAddress {
                refuse(fd, peer: peer, reason: "too many connections from \(ip) (\(limits.maxConnectionsPerAddress))")
            } else {
                register(fd, peer: peer, address: ip)
            }
        }
    }

    private func register(_ fd: Int32, peer: String, address: String) {
        let connection = HTTPConnection(id: nextID, fd: fd, peer: peer, address: address, loop: self, now: SocketIO.now())
        nextID += 1
        guard epoll.add(fd, key: connection.id, events: connection.interest) else {
            log("rejected \(peer): could not watch the connection: \(SocketIO.errorMessage(errno))")
            Glibc.close(fd)
            return
        }
        connections[connection.id] = connection
        perAddress[address, default: 0] += 1
        counters.opened()
        track(connection)
    }

    /// Over a bound: a short 503, which fits in any socket buffer, so the loop never waits on it.
    private func refuse(_ fd: Int32, peer: String, reason: String) {
        log("rejected \(peer): 503 \(reason)")
        let response = HTTPResponse.text(503, "too many connections, retry later\n")
        var offset = 0
        _ = SocketIO.sendAvailable(fd, response.serialized(close: true), from: &offset)
        shutdown(fd, Int32(SHUT_WR))
        SocketIO.discardPending(fd)
        Glibc.close(fd)
    }

    // MARK: Services for connections (loop thread)

    func isOpen(_ connection: HTTPConnection) -> Bool { connections[connection.id] === connection }

    func close(_ connection: HTTPConnection) {
        guard isOpen(connection) else { return }
        epoll.remove(connection.fd)
        Glibc.close(connection.fd)
        connections[connection.id] = nil
        if let count = perAddress[connection.address], count > 1 {
            perAddress[connection.address] = count - 1
        } else {
            perAddress[connection.address] = nil
        }
        counters.closed()
    }

    func setInterest(_ connection: HTTPConnection, _ events: UInt32) {
        guard isOpen(connection) else { return }
        epoll.modify(connection.fd, key: connection.id, events: events)
    }

    func submit(_ job: @escaping WorkerPool.Job) -> Bool { pool?.submit(job) ?? false }

    /// Whether `request` runs on the writer lane.
    func isWrite(_ request: HTTPRequest) -> Bool { writerPool != nil && writes?(request) == true }

    func submitWrite(_ job: @escaping WorkerPool.Job) -> Bool { writerPool?.submit(job) ?? false }

    /// Reads what is available through the loop's one buffer: the count (0 at EOF or error), nil if none yet.
    func receive(_ fd: Int32, into consume: (ArraySlice<UInt8>) -> Void) -> Int? {
        guard let count = SocketIO.receiveAvailable(fd, into: &scratch) else { return nil }
        if count > 0 { consume(scratch[0..<count]) }
        return count
    }

    private static func ip(_ address: sockaddr_in) -> String {
        var copy = address.sin_addr
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard inet_ntop(AF_INET, &copy, &text, socklen_t(text.count)) != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
