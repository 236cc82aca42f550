import Dispatch
import Glibc

/// Non-blocking socket helpers for the event loop: they retry EINTR, report would-block, and never raise SIGPIPE.
enum SocketIO {
    /// Monotonic seconds, for deadlines.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    enum Progress {
        /// Some bytes went out, or none could without blocking.
        case progress
        /// The peer is gone.
        case failed
    }

    /// Sends from `offset` until done or the socket would block; never raises SIGPIPE.
    static func sendAvailable(_ fd: Int32, _ bytes: [UInt8], from offset: inout Int) -> Progress {
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    return .progress
                } else {
                    return .failed
                }
            }
            return .progress
        }
    }

    /// Reads what is available into `buffer`: the byte count, 0 at EOF or on error, nil if it would block.
    static func receiveAvailable(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? nil : 0
        }
    }

    /// Per-connection options: non-blocking (the event loop never waits on one client), no Nagle
    /// delay (responses are written whole), closed in spawned processes.
    static func configureConnection(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
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
