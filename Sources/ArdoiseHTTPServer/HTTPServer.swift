import Dispatch
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one accept thread, one thread per connection
/// (so a slow handler only holds its own connection), at most `limits.maxConnections` at once.
public final class HTTPServer: Sendable {
    public let host: String
    /// The bound port; the one the kernel chose when created with port 0.
    public let port: UInt16
    public let limits: HTTPServerLimits
    private let log: @Sendable (String) -> Void
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let listener: Int32
    /// A pipe that wakes the accept loop's poll() when stopping.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let state = Mutex(State())
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    private let connectionsDone = DispatchGroup()

    private struct State {
        var started = false
        var stopped = false
        /// Descriptors of connections being served; only their own thread closes them.
        var open: Set<Int32> = []
        var accepted = 0
    }

    private static let backlog: Int32 = 512

    /// Binds and listens; throws `HTTPServerError` naming the address if that fails.
    public init(
        host: String = "127.0.0.1", port: UInt16 = 0, limits: HTTPServerLimits = .init(),
        log: @escaping @Sendable (String) -> Void = { _ in },
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        self.host = host
        self.limits = limits
        self.log = log
        self.handler = handler
        let (listener, boundPort) = try Self.listen(host: host, port: port)
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            let code = errno
            close(listener)
            throw HTTPServerError(code: code, message: "could not create a pipe: \(SocketIO.errorMessage(code))")
        }
        for end in pipeEnds { Self.setCloseOnExec(end) }
        self.listener = listener
        self.port = boundPort
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
    }

    deinit {
        let wasStopped = state.withLock { $0.stopped }
        if !wasStopped {
            close(listener)
            close(wakeRead)
            close(wakeWrite)
        }
    }

    /// Connections accepted and served so far (not counting those refused with 503).
    public var acceptedConnections: Int { state.withLock { $0.accepted } }

    /// Connections being served right now.
    public var openConnections: Int { state.withLock { $0.open.count } }

    /// Starts the accept loop on its own thread; does nothing if already started or stopped.
    public func start() {
        let go = state.withLock { state -> Bool in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }
        guard go else { return }
        let thread = Thread { [self] in
            acceptLoop()
            acceptLoopEnded.signal()
        }
        thread.name = "http-accept-\(port)"
        thread.start()
    }

    /// Closes the listener and every open connection, and returns once the accept loop has
    /// ended and the connection threads have finished (waiting at most 5 s for busy handlers).
    public func stop() {
        let wasStarted = state.withLock { state -> Bool? in
            guard !state.stopped else { return nil }
            state.stopped = true
            // shutdown, not close: it wakes the owner thread, which then closes its descriptor.
            for fd in state.open { shutdown(fd, Int32(SHUT_RDWR)) }
            return state.started
        }
        guard let wasStarted else { return }
        if wasStarted {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
            acceptLoopEnded.wait()
        }
        close(listener)
        close(wakeRead)
        close(wakeWrite)
        if connectionsDone.wait(timeout: .now() + 5) == .timedOut {
            log("stop: some connections were still busy after 5 s")
        }
    }

    private func acceptLoop() {
        var entries = [
            pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&entries, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                log("accept loop: poll failed: \(SocketIO.errorMessage(errno))")
                return
            }
            if entries[1].revents != 0 { return }
            if entries[0].revents & Int16(POLLIN) != 0 { acceptOne() }
        }
    }

    private func acceptOne() {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
        }
        guard fd >= 0 else {
            let code = errno
            switch code {
            case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO:
                return
            default:
                // Out of descriptors or memory: say so and back off instead of spinning.
                log("accept failed: \(SocketIO.errorMessage(code))")
                usleep(10_000)
                return
            }
        }
        Self.setCloseOnExec(fd)
        let peer = Self.describe(address)
        enum Admission { case admitted, full, stopped }
        let admission = state.withLock { state -> Admission in
            if state.stopped { return .stopped }
            if state.open.count >= limits.maxConnections { return .full }
            state.open.insert(fd)
            state.accepted += 1
            return .admitted
        }
        switch admission {
        case .stopped:
            close(fd)
        case .full:
            refuseBusy(fd, peer: peer)
        case .admitted:
            connectionsDone.enter()
            let connection = HTTPConnection(fd: fd, peer: peer, limits: limits, log: log, handler: handler)
            let thread = Thread { [self] in
                connection.serve()
                release(fd)
                connectionsDone.leave()
            }
            thread.name = "http-conn-\(fd)"
            thread.start()
        }
    }

    /// Over the connection bound: a short 503 from the accept thread, which must not block on it.
    private func refuseBusy(_ fd: Int32, peer: String) {
        log("rejected \(peer): 503 too many connections (\(limits.maxConnections))")
        SocketIO.configureConnection(fd, sendTimeout: 0.1)
        let response = HTTPResponse.text(503, "too many connections, retry later\n")
        _ = SocketIO.sendAll(fd, response.serialized(close: true))
        shutdown(fd, Int32(SHUT_WR))
        SocketIO.discardPending(fd)
        close(fd)
    }

    /// Forgets the descriptor before closing it, so stop() never shuts down a reused number.
    private func release(_ fd: Int32) {
        state.withLock { _ = $0.open.remove(fd) }
        close(fd)
    }

    private static func listen(host: String, port: UInt16) throws -> (Int32, UInt16) {
        let label = "\(host):\(port)"
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw HTTPServerError(code: 0, message: "invalid IPv4 address \(host)", hint: "use a dotted address such as 127.0.0.1")
        }
        let flags = SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue | SOCK_NONBLOCK.rawValue
        let fd = socket(AF_INET, Int32(flags), 0)
        guard fd >= 0 else {
            throw HTTPServerError(code: errno, message: "could not create a socket: \(SocketIO.errorMessage(errno))")
        }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            let hint = code == EADDRINUSE ? "another process listens on \(label); choose another port" : nil
            throw HTTPServerError(code: code, message: "could not listen on \(label): \(SocketIO.errorMessage(code))", hint: hint)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: actual.sin_port))
    }

    /// accept4 and pipe2 are not visible from Swift's Glibc, so set FD_CLOEXEC afterwards:
    /// descriptors must not leak into processes the application spawns.
    private static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }

    private static func describe(_ address: sockaddr_in) -> String {
        var copy = address.sin_addr
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard inet_ntop(AF_INET, &copy, &text, socklen_t(text.count)) != nil else { return "?" }
        let ip = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(ip):\(UInt16(bigEndian: address.sin_port))"
    }
}
