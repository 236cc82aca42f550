import Foundation
import Glibc

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A plain TCP client for sending exactly the bytes a test wants, malformed ones included.
public final class RawSocket {
    public let fd: Int32

    /// Connects to 127.0.0.1:`port`; `source` picks the client's own address, any of 127.0.0.0/8 on
    /// Linux, so one test can play several clients as the server's per-address bounds see them.
    public init(port: UInt16, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure(description: "socket: errno \(errno)") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                close(fd)
                throw TestFailure(description: "bind to \(source): errno \(errno)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure(description: "connect to \(port): errno \(errno)")
        }
    }

    deinit { close(fd) }

    /// Sends all bytes; false if the server already closed (EPIPE/ECONNRESET).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until EOF (returns eof: true) or until `timeout` seconds pass.
    public func readUntilClosed(timeout: Double) -> (bytes: [UInt8], eof: Bool) {
        let end = Date().addingTimeInterval(timeout)
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let left = end.timeIntervalSinceNow
            if left <= 0 { return (collected, false) }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (collected, true) }  // EOF or reset: closed either way
            collected += buffer[0..<count]
        }
    }

    /// Reads until `marker` occurs `count` times in the input, or `timeout` passes.
    public func read(until marker: String, count wanted: Int = 1, timeout: Double) -> String {
        let end = Date().addingTimeInterval(timeout)
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while end.timeIntervalSinceNow > 0 {
            let text = String(decoding: collected, as: UTF8.self)
            if text.components(separatedBy: marker).count - 1 >= wanted { return text }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got <= 0 { break }
            collected += buffer[0..<got]
        }
        return String(decoding: collected, as: UTF8.self)
    }
}
