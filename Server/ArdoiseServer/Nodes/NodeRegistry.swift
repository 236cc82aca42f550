import ArdoiseSupport

/// The enrolled nodes: listing, revocation, and the operations held for each.
public struct NodeRegistry: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Revokes a node's token; its next request gets 401 and its operations stay on the node.
    public func revoke(node: String, by actor: String) throws -> String {
        try store.write { db in
            guard try db.scalarText("SELECT id FROM nodes WHERE id = ?", [.text(node)]) != nil else {
                throw ServerError.notFound("unknown node \(node)")
            }
            try db.run("UPDATE nodes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       [.text(clock.iso8601), .text(node)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor, action: "revoke", detail: "node \(node)")
            return "node \(node) revoked: it must enrol again with a new code"
        }
    }

    /// Every node with its high-water mark and the number of operations held for it (equal when every
    /// operation was applied exactly once).
    public func all() throws -> [NodeSummary] {
        try store.withDatabase { db in
            try db.rows("""
                SELECT n.id, n.centre, n.label, n.hwm, (SELECT count(*) FROM operations o WHERE o.node = n.id) AS received,
                       n.enrolled_at, n.revoked_at
                FROM nodes n ORDER BY n.centre, n.id
                """).map {
                NodeSummary(id: try $0.string("id"), centre: try $0.string("centre"), label: try $0.string("label"),
                            acknowledged: try $0.int64("hwm"), received: try $0.int64("received"),
                            enrolled: try $0.string("enrolled_at"), revoked: try $0.optionalString("revoked_at"))
            }
        }
    }

    /// The sequence numbers received from a node, in order: each applied exactly once.
    public func receivedOperations(node: String) throws -> [Int64] {
        try store.withDatabase { db in
            try db.rows("SELECT seq FROM operations WHERE node = ? ORDER BY seq", [.text(node)]).map { try $0.int64("seq") }
        }
    }
}
