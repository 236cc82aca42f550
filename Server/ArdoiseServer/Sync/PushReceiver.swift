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
            let merge = try CentralMerge(db: db, centre: node.centre, clock: clock, key: store.auditKey)
            var results: [OperationResult] = []
            results.reserveCapacity(operations.count)
            for operation in operations {
                guard operation.node == node.id else {
                    throw ServerError.forbidden("operation \(operation.seq) claims node \(operation.node), token is for \(node.id)")
                }
                if operation.seq <= mark {
                    // The same number must carry the same operation: a node folder restored from an old
                    // copy numbers new work again from where the copy stood.
                    try requireSame(operation, db)
                    results.append(OperationResult(seq: operation.seq, outcome: .duplicate, detail: nil))
                    continue
                }
                guard operation.seq == mark + 1 else {
                    throw ServerError(409, "sequence gap: expected operation \(mark + 1), got \(operation.seq)",
                                      code: ErrorCode.sequenceGap, expected: mark + 1)
                }
                results.append(try merge.apply(operation))
                mark = operation.seq
            }
            try db.run("UPDATE nodes SET hwm = ? WHERE id = ?", [.int(mark), .text(node.id)])
            let fresh = results.filter { $0.outcome != .duplicate }
            if let first = fresh.first, let last = fresh.last {
                let count = { (outcome: OperationOutcome) in fresh.filter { $0.outcome == outcome }.count }
                try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                    actor: node.id, action: "merge",
                    detail: "operations \(first.seq)–\(last.seq): \(count(.applied)) applied, "
                        + "\(count(.conflict)) in conflict, \(count(.rejected)) rejected")
            }
            return PushResponse(acknowledged: mark, revision: try ChangeLog(db: db).currentRevision(), results: results,
                                epoch: try Meta(db: db).epoch, auditHead: try AuditLog.head(db))
        }
    }

    private func requireSame(_ operation: SyncOperation, _ db: Database) throws {
        let held = try db.scalarText("SELECT body FROM operations WHERE node = ? AND seq = ?",
                                     [.text(operation.node), .int(operation.seq)])
        // A server restored from a backup may not hold it: the node then sent it again, which is fine.
        guard let held, held != operation.jsonText else { return }
        throw ServerError(409, "operation \(operation.seq) of node \(operation.node) is not the one this server holds under "
            + "that number: this node's folder was restored from an older copy", code: ErrorCode.operationMismatch)
    }
}
