import ArdoiseProtocol
import ArdoiseSQLite

/// The operations of this node in sequence order (ARCHITECTURE "The node"): appended in the action's
/// transaction, contiguous from 1, acknowledged by the server's push answer, never deleted.
public struct Outbox {
    let store: NodeStore

    static func decode(_ row: Row) throws -> SyncOperation {
        try JSONCoding.decode(SyncOperation.self, from: Array(try row.string("body").utf8))
    }

    /// Appends an operation with the next sequence number; `operation.seq` is replaced.
    func append(_ operation: SyncOperation) throws -> SyncOperation {
        var operation = operation
        operation.seq = max(1, try store.config.int(ConfigKey.nextSeq))
        let body = String(decoding: try JSONCoding.encode(operation), as: UTF8.self)
        try store.database.run("""
            INSERT INTO outbox(seq, kind, epreuve, lot, candidate, body, acked_rev) VALUES(?, ?, ?, ?, ?, ?, NULL)
            """, [.int(operation.seq), .text(operation.kind.rawValue), .text(operation.epreuve), .text(operation.lot),
                  .optional(operation.candidate), .text(body)])
        try store.config.set(ConfigKey.nextSeq, operation.seq + 1)
        return operation
    }

    /// Every operation, in sequence order.
    public func all() throws -> [SyncOperation] {
        try store.database.rows("SELECT body FROM outbox ORDER BY seq").map(Self.decode)
    }

    public func count() throws -> Int {
        Int(try store.database.scalarInt("SELECT count(*) FROM outbox") ?? 0)
    }

    /// Operations the server has not acknowledged, from the first, at most `limit`.
    func unacknowledged(limit: Int) throws -> [SyncOperation] {
        try store.database.rows("SELECT body FROM outbox WHERE acked_rev IS NULL ORDER BY seq LIMIT ?",
                                [.int(Int64(limit))]).map(Self.decode)
    }

    /// Marks operations up to `seq` acknowledged at the push's revision (inside a transaction).
    func acknowledge(upTo seq: Int64, revision: Int64) throws {
        try store.database.run("UPDATE outbox SET acked_rev = ? WHERE acked_rev IS NULL AND seq <= ?",
                               [.int(revision), .int(seq)])
        try store.config.set(ConfigKey.acked, max(try store.config.int(ConfigKey.acked), seq))
    }

    /// Makes operations from `seq` on unacknowledged again: a server restored from a backup no longer
    /// holds them, and the next push sends them again (inside a transaction).
    func resend(from seq: Int64) throws {
        try store.database.run("UPDATE outbox SET acked_rev = NULL WHERE seq >= ?", [.int(seq)])
        try store.config.set(ConfigKey.acked, max(0, seq - 1))
    }

    /// Acknowledged operations' revisions belong to the server that gave them: after a restore they
    /// mean nothing, and the pull from 0 brings their effects back.
    func forgetRevisions() throws {
        try store.database.execute("UPDATE outbox SET acked_rev = 0 WHERE acked_rev IS NOT NULL")
    }

    /// Retires acknowledged operations and gives the others contiguous numbers from 1 under the new node
    /// id, keeping their order, clocks, authors and values (inside the re-enrolment transaction).
    func renumber(from old: String, to new: String) throws {
        let db = store.database
        try db.run("""
            INSERT OR REPLACE INTO outbox_retired(node, seq, body, acked_rev)
            SELECT ?, seq, body, acked_rev FROM outbox WHERE acked_rev IS NOT NULL
            """, [.text(old)])
        try db.execute("DELETE FROM outbox WHERE acked_rev IS NOT NULL")
        let rows = try db.rows("SELECT seq, body FROM outbox ORDER BY seq")
        // Out of the way first: new numbers may collide with old ones.
        try db.execute("UPDATE outbox SET seq = -seq")
        for (index, row) in rows.enumerated() {
            var operation = try Self.decode(row)
            operation.node = new
            operation.seq = Int64(index + 1)
            let body = String(decoding: try JSONCoding.encode(operation), as: UTF8.self)
            try db.run("UPDATE outbox SET seq = ?, body = ? WHERE seq = ?",
                       [.int(operation.seq), .text(body), .int(-(try row.int64("seq")))])
        }
        try store.config.set(ConfigKey.nextSeq, Int64(rows.count + 1))
    }
}
