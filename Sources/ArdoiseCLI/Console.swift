import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its lines: `out` for results (stdout), `err` for errors and hints (stderr).
/// Each call is one line; the console adds the newline.
public protocol Console: Sendable {
    func out(_ line: String)
    func err(_ line: String)
}

/// Writes straight to file descriptors 1 and 2 with `write`: no stdio buffer, so a script waiting
/// for a line through a pipe gets it at once, and no use of the C `stderr` global, which Swift 6
/// does not accept as concurrency-safe. Mixing with `print` (buffered) may reorder lines.
public struct StandardConsole: Console {
    public init() {}

    public func out(_ line: String) { Self.write(line, to: 1) }
    public func err(_ line: String) { Self.write(line, to: 2) }

    /// Loops on partial writes and EINTR; gives up silently if the reader has gone (EPIPE).
    static func write(_ line: String, to descriptor: Int32) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Keeps every line in memory, for tests of a tool's commands run in-process.
public final class CapturedConsole: Console {
    private let lines = Mutex<(out: [String], err: [String])>(([], []))

    public init() {}

    public func out(_ line: String) { lines.withLock { $0.out.append(line) } }
    public func err(_ line: String) { lines.withLock { $0.err.append(line) } }

    /// Lines written with `out`, in order.
    public var outLines: [String] { lines.withLock { $0.out } }
    /// Lines written with `err`, in order.
    public var errLines: [String] { lines.withLock { $0.err } }
    /// Everything written with `out`, one line per `out` call, newline-terminated.
    public var output: String { outLines.map { $0 + "\n" }.joined() }
    /// Everything written with `err`, one line per `err` call, newline-terminated.
    public var errors: String { errLines.map { $0 + "\n" }.joined() }
}
