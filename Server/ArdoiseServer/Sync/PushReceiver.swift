import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Receives push batches exactly once (ARCHITECTURE "The wire"): one transaction holds the effects and
/// the node's new high-water mark; operations at or below the mark are acknowledged without effect; a
/// gap refuses the whole batch and changes nothing.
public struct PushReceiver: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func push(node: NodeIdentity, operations: [SyncOperation]) throws -> PushResponse {
        try store.write { db in
            guard var mark = try db.scalarInt("SELECT hwm FROM nodes WHERE id = ?", [.text(node.id)]) else {
                throw ServerError.unauthorised("unknown node \(node.id)")
            }
            let merge = try CentralMerge(db: db, centre: node.centre, clock: clock)
            var results: [OperationResult] = []
            results.reserveCapacity(operations.count)
            for operation in operations {
                guard operation.node == node.id else {
                    throw ServerError.forbidden("operation \(operation.seq) claims node \(operation.node), token is for \(node.id)")
                }
                if operation.seq <= mark {
                    results.append(OperationResult(seq: operation.seq, outcome: .duplicate, detail: nil))
                    continue
                }
                guard operation.seq == mark + 1 else {
                    throw ServerError.conflict("sequence gap: expected operation \(mark + 1), got \(operation.seq)")
                }
                results.append(try merge.apply(operation))
                mark = operation.seq
            }
            try db.run("UPDATE nodes SET hwm = ? WHERE id = ?", [.int(mark), .text(node.id)])
            let fresh = results.filter { $0.outcome != .duplicate }
            if let first = fresh.first, let last = fresh.last {
                let count = { (outcome: OperationOutcome) in fresh.filter { $0.outcome == outcome }.count }
                try AuditLog(db: db, clock: clock).append(
                    actor: node.id, action: "merge",
                    detail: "operations \(first.seq)–\(last.seq): \(count(.applied)) applied, "
                        + "\(count(.conflict)) in conflict, \(count(.rejected)) rejected")
            }
            return PushResponse(acknowledged: mark, revision: try ChangeLog(db: db).currentRevision(), results: results)
        }
    }
}
