import ArdoiseHTTPClient
import ArdoiseSupport

/// A node's capabilities over one data folder, each its own type with what it needs injected: the
/// place to find what a lab PC can do. The wall clock is the only one; the network is passed to the
/// actions that use it.
public final class Node {
    public let store: NodeStore
    public let wall: WallClock

    public init(store: NodeStore, wall: WallClock = .system) {
        self.store = store
        self.wall = wall
    }

    /// Opens a node data folder (see `NodeStore.open`).
    public static func open(folder: String, create: Bool = false, wall: WallClock = .system) throws -> Node {
        Node(store: try NodeStore.open(folder: folder, create: create), wall: wall)
    }

    public var folder: String { store.folder }
    public var enrolment: EnrolmentClient { EnrolmentClient(store: store, wall: wall) }
    public var verifier: ExaminerVerifier { ExaminerVerifier(store: store, wall: wall) }
    public var grading: Grading { Grading(store: store, wall: wall) }
    public var sync: SyncClient { SyncClient(store: store, wall: wall) }
    public var outbox: Outbox { Outbox(store: store) }
    public var view: LocalView { LocalView(store: store) }
    public var reports: NodeReports { NodeReports(store: store) }
    public var trust: ServerTrust { ServerTrust(store: store) }

    /// The network to the server: libcurl verifying https against `ca` (PEM) if given, else the CA file
    /// stored at enrolment, else the system's CAs.
    public func network(ca: String? = nil) throws -> HTTPClient {
        .http(caFile: try ca ?? trust.caFile())
    }
}
