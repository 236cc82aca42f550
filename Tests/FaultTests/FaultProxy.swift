import Foundation
import Glibc
import Synchronization
import TestSupport

/// A TCP proxy on 127.0.0.1 (port 0) between nodes and the real central server, injecting faults per
/// request from a seeded generator (issue 3 item 6). One thread, blocking sockets with timeouts, one
/// request per connection (it asks the server to close after each answer, and the server's
/// `Connection: close` tells libcurl not to reuse the connection), so the order of random draws is the
/// order of requests and a seed replays the same faults. Every socket is closed; `stop()` ends the thread (call it: the thread keeps the proxy alive).
final class FaultProxy: Sendable {
    enum Fault: String, CaseIterable, Sendable {
        /// Forwarded untouched.
        case pass
        /// Connection closed before anything is forwarded.
        case drop
        /// The request cut at a random byte, then both sides closed: the server never sees all of it.
        case cutRequest
        /// Forwarded whole, the answer cut at a random byte: the server applied it, the client never learns.
        case cutResponse
        /// Forwarded after a few milliseconds.
        case delay
        /// Sent twice to the server; the client gets one of the two answers.
        case duplicate
        /// Held (the client sees a dropped connection) and sent to the server after the next request:
        /// an old push replayed later.
        case reorder
    }

    struct Stats: Sendable {
        var requests = 0
        var faults: [Fault: Int] = [:]
        var log: [String] = []
    }

    private struct State {
        var generator: SplitMix64
        var faultRate: Double
        var enabled = true
        var stopped = false
        var held: [UInt8]?
        var stats = Stats()
    }

    let port: UInt16
    private let upstreamPort: UInt16
    private let listener: Int32
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)

    /// `faultRate`: the probability that a request gets a fault rather than passing through.
    init(upstreamPort: UInt16, seed: UInt64, faultRate: Double) throws {
        self.upstreamPort = upstreamPort
        state = Mutex(State(generator: SplitMix64(seed: seed), faultRate: faultRate))
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProxyError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ProxyError("bind/listen on 127.0.0.1:0: \(message)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in run() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Faults on or off (enrolment and the final fault-free syncs run with them off).
    func setFaults(_ on: Bool) { state.withLock { $0.enabled = on } }

    var stats: Stats { state.withLock { $0.stats } }

    /// Stops accepting, sends a request still held to the server (a late replay), closes everything.
    func stop() {
        let already = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !already else { return }
        finished.wait()
    }

    // MARK: the loop

    private func run() {
        defer {
            if let held = state.withLock({ state -> [UInt8]? in defer { state.held = nil }; return state.held }) {
                _ = exchange(held)
            }
            close(listener)
            finished.signal()
        }
        while !state.withLock({ $0.stopped }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            Self.setTimeouts(client, seconds: 5)
            serve(client)
            close(client)
        }
    }

    private func serve(_ client: Int32) {
        guard let request = Self.readRequest(client) else { return }
        let (fault, cut, delay) = state.withLock { state -> (Fault, Double, Int) in
            state.stats.requests += 1
            var fault = Fault.pass
            if state.enabled && state.generator.chance(state.faultRate) {
                fault = state.generator.pick(Array(Fault.allCases.dropFirst()))
                // Only one request is held at a time.
                if fault == .reorder && state.held != nil { fault = .drop }
            }
            // Drawn every time, so that the sequence of draws depends only on the sequence of requests.
            let cut = Double(state.generator.next() >> 11) / Double(UInt64(1) << 53)
            let delay = state.generator.int(1...5)
            state.stats.faults[fault, default: 0] += 1
            if fault != .pass {
                state.stats.log.append("\(state.stats.requests): \(fault.rawValue) \(Self.requestLine(request))")
            }
            return (fault, cut, delay)
        }
        let forwarded = Self.closing(request)
        switch fault {
        case .pass:
            if let answer = exchange(forwarded) { Self.sendAll(client, answer[...]) }
        case .drop:
            break
        case .cutRequest:
            let upstream = connectUpstream()
            if upstream >= 0 {
                let length = max(1, min(forwarded.count - 1, Int(cut * Double(forwarded.count))))
                Self.sendAll(upstream, forwarded[..<length])
                close(upstream)
            }
        case .cutResponse:
            if let answer = exchange(forwarded), answer.count > 1 {
                let length = min(answer.count - 1, Int(cut * Double(answer.count)))
                Self.sendAll(client, answer[..<length])
            }
        case .delay:
            usleep(useconds_t(delay * 1000))
            if let answer = exchange(forwarded) { Self.sendAll(client, answer[...]) }
        case .duplicate:
            let first = exchange(forwarded)
            let second = exchange(forwarded)
            if let answer = cut < 0.5 ? first : second { Self.sendAll(client, answer[...]) }
        case .reorder:
            state.withLock { $0.held = forwarded }
            return
        }
        // A held request goes to the server after the next one.
        if let held = state.withLock({ state -> [UInt8]? in defer { state.held = nil }; return state.held }) {
            _ = exchange(held)
        }
    }

    /// Sends a request to the server on a fresh connection and reads the answer to the end.
    private func exchange(_ request: [UInt8]) -> [UInt8]? {
        let upstream = connectUpstream()
        guard upstream >= 0 else { return nil }
        defer { close(upstream) }
        guard Self.sendAll(upstream, request[...]) else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(upstream, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                answer.append(contentsOf: buffer[..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return answer.isEmpty ? nil : answer
    }

    private func connectUpstream() -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        Self.setTimeouts(fd, seconds: 10)
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return -1
        }
        return fd
    }

    // MARK: bytes

    /// One whole request: the head, then `Content-Length` bytes of body. Nil on timeout or a closed peer.
    private static func readRequest(_ fd: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var expected: Int?
        while expected.map({ data.count < $0 }) ?? true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[..<count])
            if expected == nil, let end = headEnd(data) {
                let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                var length = 0
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                expected = end + 4 + length
            }
        }
        return data
    }

    private static func headEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in 0...(data.count - 4)
        where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// The request with `Connection: close` after its request line: the server closes after answering,
    /// and its answer tells the client not to reuse the connection.
    private static func closing(_ request: [UInt8]) -> [UInt8] {
        guard let lineEnd = request.firstIndex(of: 10) else { return request }
        return Array(request[...lineEnd]) + Array("Connection: close\r\n".utf8) + Array(request[(lineEnd + 1)...])
    }

    private static func requestLine(_ request: [UInt8]) -> String {
        String(decoding: request.prefix { $0 != 13 && $0 != 10 }.prefix(60), as: UTF8.self)
    }

    @discardableResult
    private static func sendAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func setTimeouts(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

struct ProxyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
