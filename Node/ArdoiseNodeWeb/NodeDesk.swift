import ArdoiseNode
import Synchronization

/// The node behind the page, one request at a time: `Node` is not Sendable (one SQLite connection), and
/// a lab PC has one examiner at its keyboard, so serialising every request costs nothing that matters.
final class NodeDesk: Sendable {
    private let node: Mutex<Node>

    init(_ node: sending Node) { self.node = Mutex(node) }

    /// Runs `body` with the node, alone.
    func run<T: Sendable>(_ body: (Node) throws -> T) throws -> T {
        try node.withLock { node throws -> T in try body(node) }
    }
}
