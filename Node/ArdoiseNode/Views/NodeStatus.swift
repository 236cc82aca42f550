/// Where the node stands with the server.
public struct NodeStatus: Sendable, Equatable {
    public var node: String
    public var centre: String
    public var session: String
    public var server: String
    /// Operations the server has not acknowledged yet.
    public var pending: Int
    /// Acknowledged operations whose effect the pull has not brought back yet.
    public var awaitingPull: Int
    public var lastSync: String?
    public var cursor: Int64
    public var referenceVersion: Int64?
    public var openConflicts: Int
    /// The server's audit log head this node saw last (`id:hash`), to give to `ardoise-server check --witness`.
    public var auditWitness: String? = nil

    public var text: String {
        """
        node \(node), centre \(centre), session \(session)
        server \(server)
        pending operations: \(pending) not sent, \(awaitingPull) sent but not yet pulled back
        last sync: \(lastSync ?? "never")
        server cursor: \(cursor), reference version: \(referenceVersion.map(String.init) ?? "none")
        open conflicts on this centre: \(openConflicts)
        audit log witnessed: \(auditWitness ?? "not yet")
        """
    }
}
