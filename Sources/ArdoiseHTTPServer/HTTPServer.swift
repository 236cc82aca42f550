import Dispatch
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one event-loop thread owns every connection (epoll, non-blocking),
/// and a fixed pool of worker threads runs the handlers. An idle or slow client costs a descriptor and a
/// small buffer, never a thread; at most `limits.maxConnections` connections at once, and
/// `limits.maxConnectionsPerAddress` from one address.
///
/// The optional `admit` hook sees each request's head before its body is read (and before any
/// `100 Continue`): a response it returns is sent with `Connection: close` and the body is never read.
public final class HTTPServer: Sendable {
    public let host: String
    /// The bound port; the one the kernel chose when created with port 0.
    public let port: UInt16
    public let limits: HTTPServerLimits
    private let log: @Sendable (String) -> Void
    private let listener: Int32
    private let loop: EventLoop
    private let counters = ConnectionCounters()
    private let state = Mutex(State())
    private let loopEnded = DispatchSemaphore(value: 0)
    private let hasWriterLane: Bool

    private struct State {
        var started = false
        var stopped = false
        var pool: WorkerPool?
        var writerPool: WorkerPool?
    }

    /// Beyond the kernel's somaxconn this is capped silently; a deep queue absorbs connection bursts.
    private static let backlog: Int32 = 4096

    /// Binds and listens; throws `HTTPServerError` naming the address if that fails.
    public init(
        host: String = "127.0.0.1", port: UInt16 = 0, limits: HTTPServerLimits = .init(),
        log: @escaping @Sendable (String) -> Void = { _ in },
        admit: (@Sendable (HTTPRequestHead) -> HTTPResponse?)? = nil,
        writes: (@Sendable (HTTPRequest) -> Bool)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        self.host = host
        self.limits = limits
        self.log = log
        let (listener, boundPort) = try Self.listen(host: host, port: port)
        do {
            loop = try EventLoop(
                listener: listener, limits: limits, counters: counters, log: log, admission: admit, writes: writes,
                handler: handler)
        } catch {
            close(listener)
            throw error
        }
        self.listener = listener
        self.port = boundPort
        hasWriterLane = writes != nil
    }

    deinit {
        let wasStopped = state.withLock { $0.stopped }
        if !wasStopped { close(listener) }
    }

    /// Connections accepted and served so far (not counting those refused with 503).
    public var acceptedConnections: Int { counters.accepted }

    /// Connections being served right now.
    public var openConnections: Int { counters.open }

    /// Starts the event loop and the workers; does nothing if already started or stopped.
    public func start() {
        let pools = state.withLock { state -> (WorkerPool, WorkerPool?)? in
            guard !state.started, !state.stopped else { return nil }
            state.started = true
            // Each connection has at most one request with the workers, so this bound is never the one hit
            // first; it is there so that the queue's size is a stated number.
            let pool = WorkerPool(threads: limits.workerThreads, capacity: limits.maxConnections, name: "http-worker-\(port)")
            state.pool = pool
            if hasWriterLane {
                state.writerPool = WorkerPool(threads: limits.writerThreads, capacity: limits.maxConnections,
                                              name: "http-writer-\(port)")
            }
            return (pool, state.writerPool)
        }
        guard let pools else { return }
        let thread = Thread { [loop, loopEnded] in
            loop.run(pool: pools.0, writerPool: pools.1)
            loopEnded.signal()
        }
        thread.name = "http-loop-\(port)"
        thread.start()
    }

    /// Closes the listener and every open connection, and returns once the event loop has ended and
    /// the workers have finished (waiting at most 5 s for busy handlers, whose answers are dropped).
    public func stop() {
        let stopping = state.withLock { state -> (started: Bool, pool: WorkerPool?, writerPool: WorkerPool?)? in
            guard !state.stopped else { return nil }
            state.stopped = true
            return (state.started, state.pool, state.writerPool)
        }
        guard let stopping else { return }
        if stopping.started {
            loop.requestStop()
            loopEnded.wait()
        }
        close(listener)
        if let pool = stopping.pool, !pool.close(timeout: 5) {
            log("stop: some handlers were still busy after 5 s")
        }
        if let pool = stopping.writerPool, !pool.close(timeout: 5) {
            log("stop: some writer handlers were still busy after 5 s")
        }
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

}
