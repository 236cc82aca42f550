import CEpoll
import Glibc

/// A thin wrapper around one epoll instance: level-triggered, each registration tagged with a 64-bit
/// key chosen by the caller (a connection's id, so a reused descriptor number cannot be mistaken).
struct Epoll {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    /// Errors and hang-ups are reported whatever the interest.
    static let failed = EPOLLERR.rawValue | EPOLLHUP.rawValue

    let fd: Int32

    init() throws {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else {
            throw HTTPServerError(code: errno, message: "could not create an epoll instance: \(SocketIO.errorMessage(errno))")
        }
    }

    func close() { _ = Glibc.close(fd) }

    @discardableResult
    func add(_ descriptor: Int32, key: UInt64, events: UInt32) -> Bool {
        control(EPOLL_CTL_ADD, descriptor, key: key, events: events)
    }

    @discardableResult
    func modify(_ descriptor: Int32, key: UInt64, events: UInt32) -> Bool {
        control(EPOLL_CTL_MOD, descriptor, key: key, events: events)
    }

    /// Before closing: a closed descriptor leaves the set by itself only if no duplicate exists.
    func remove(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, descriptor, &event)
    }

    /// Ready (key, events) pairs, waiting at most `timeout` seconds; empty on timeout or EINTR.
    func wait(into events: inout [epoll_event], timeout: Double) -> ArraySlice<epoll_event> {
        let milliseconds = Int32(min(max(0, (timeout * 1000).rounded(.up)), 60_000))
        let count = events.withUnsafeMutableBufferPointer {
            epoll_wait(fd, $0.baseAddress, Int32($0.count), milliseconds)
        }
        return count > 0 ? events[0..<Int(count)] : []
    }

    private func control(_ operation: Int32, _ descriptor: Int32, key: UInt64, events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.u64 = key
        return epoll_ctl(fd, operation, descriptor, &event) == 0
    }
}
