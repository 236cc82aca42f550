import Synchronization

/// Connections accepted and open, written by the event loop and read by anyone.
final class ConnectionCounters: Sendable {
    private let counts = Mutex((accepted: 0, open: 0))

    var accepted: Int { counts.withLock { $0.accepted } }
    var open: Int { counts.withLock { $0.open } }

    func opened() {
        counts.withLock {
            $0.accepted += 1
            $0.open += 1
        }
    }

    func closed() { counts.withLock { $0.open -= 1 } }
}
