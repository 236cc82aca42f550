import Foundation

/// Bounds on what one client may make the server hold or wait for.
public struct HTTPServerLimits: Sendable {
    /// Longest request line, CRLF excluded (414 beyond).
    public var maxRequestLineBytes = 8192
    /// Total bytes of the header lines, CRLFs included, request line excluded (431 beyond).
    public var maxHeaderBytes = 32768
    /// Most header fields in one request (431 beyond).
    public var maxHeaderCount = 100
    /// Largest Content-Length accepted (413 beyond), checked before reading the body.
    public var maxBodyBytes = 16 << 20
    /// Seconds a request has to deliver its complete head, counted from its first byte
    /// (or from accept for a connection's first request): the slowloris bound.
    public var headerReadTimeout: Double = 10
    /// Seconds a keep-alive connection may sit idle, and the longest stall while a body is read
    /// or a response is written.
    public var idleTimeout: Double = 30
    /// Seconds a whole body has to arrive once its head is admitted (408 beyond), however
    /// steadily it trickles: the slow-body bound.
    public var bodyReadTimeout: Double = 30
    /// Connections served at once; the next ones get 503 and are closed. An idle connection costs
    /// a descriptor and a small buffer, not a thread; the process's descriptor limit must allow it
    /// (`HTTPServer.raiseDescriptorLimit`).
    public var maxConnections = 4096
    /// Connections one client address may hold at once; the next ones get 503 and are closed.
    /// Behind a proxy every client has the proxy's address: raise it there.
    public var maxConnectionsPerAddress = 64
    /// Threads running handlers; a slow handler holds one of them, never the event loop.
    public var workerThreads = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// Threads running the requests `HTTPServer(writes:)` marks (those that wait for the one database
    /// writer), apart from the others: however many pushes queue, reads keep their own workers.
    public var writerThreads = 2

    public init() {}
}
