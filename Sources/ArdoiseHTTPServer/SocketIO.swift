import Dispatch
import Glibc

/// Blocking socket helpers that retry EINTR and partial writes, and never raise SIGPIPE.
enum SocketIO {
    enum Wait {
        case readable
        case timedOut
        case failed
    }

    /// Monotonic seconds, for deadlines.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Waits until `fd` is readable (or hung up, which reads as EOF) or `timeout` seconds pass.
    static func waitReadable(_ fd: Int32, timeout: Double) -> Wait {
        let end = now() + timeout
        while true {
            let milliseconds = Int32(min(max(0, (end - now()) * 1000).rounded(.up), Double(Int32.max)))
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return entry.revents & Int16(POLLNVAL) != 0 ? .failed : .readable }
            if ready == 0 { return .timedOut }
            if errno != EINTR { return .failed }
        }
    }

    /// Reads what is available into `buffer`: the byte count, 0 at EOF, -1 on error.
    static func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            if errno != EINTR { return -1 }
        }
    }

    /// Writes all of `bytes`; false if the peer is gone or the send timeout (SO_SNDTIMEO) expired.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Per-connection options: no Nagle delay (responses are written whole), and a bound on
    /// how long a send may block on a client that does not read.
    static func configureConnection(_ fd: Int32, sendTimeout: Double) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var limit = timeval(tv_sec: Int(sendTimeout), tv_usec: Int((sendTimeout - sendTimeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Half-closes and discards what the client still sends, for at most `seconds` and `maxBytes`,
    /// so that closing with unread input does not reset the connection before the client has
    /// read our last response. The caller closes the descriptor afterwards.
    static func lingerBeforeClose(_ fd: Int32, seconds: Double = 1, maxBytes: Int = 1 << 20) {
        shutdown(fd, Int32(SHUT_WR))
        let end = now() + seconds
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        var drained = 0
        while drained < maxBytes, case .readable = waitReadable(fd, timeout: end - now()) {
            let count = receive(fd, into: &scratch)
            if count <= 0 { return }
            drained += count
        }
    }

    /// Discards input that has already arrived, without waiting.
    static func discardPending(_ fd: Int32) {
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        while scratch.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) > 0 {}
    }

    static func errorMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
