import ArdoiseProtocol
import ArdoiseSQLite

/// A sheet as the user sees it: the pulled server fields with the node's own operations laid over them.
public struct SheetView: Sendable, Equatable {
    public var fields: [String: String]
    /// Server revision of each field as last pulled (the `base` of the next operation).
    public var revisions: [String: Int64]
    /// True while operations of this sheet are not yet reflected in pulled server state.
    public var pending: Bool
}

/// A lot's status as the user sees it.
public struct LotView: Sendable, Equatable {
    public var status: LotStatus
    public var revision: Int64
    public var pending: Bool
}

extension Node {
    /// Outbox rows that still overlay server state: not acknowledged yet, or acknowledged at a revision
    /// the pull has not reached (their effect, or the server's decision, is not in `srv_*` yet).
    static let overlaying = "(acked_rev IS NULL OR acked_rev > ?)"

    public func sheetView(epreuve: String, candidate: String) throws -> SheetView {
        var fields: [String: String] = [:]
        var revisions: [String: Int64] = [:]
        for row in try database.rows("SELECT field, value, rev FROM srv_fields WHERE epreuve = ? AND candidate = ?",
                                     [.text(epreuve), .text(candidate)]) {
            revisions[row.string(0)] = row.integer(2)
            if let value = row.text(1) { fields[row.string(0)] = value }
        }
        let cursor = try configInt(ConfigKey.cursor)
        let bodies = try database.rows("""
            SELECT body FROM outbox WHERE epreuve = ? AND candidate = ? AND kind != 'lock' AND \(Node.overlaying)
            ORDER BY seq
            """, [.text(epreuve), .text(candidate), .int(cursor)])
        for row in bodies {
            let operation = try JSONCoding.decode(SyncOperation.self, from: Array(row.string(0).utf8))
            fields.merge(operation.values) { _, new in new }
        }
        return SheetView(fields: fields, revisions: revisions, pending: !bodies.isEmpty)
    }

    public func lotView(_ lot: String) throws -> LotView {
        let row = try database.row("SELECT status, rev FROM srv_lots WHERE lot = ?", [.text(lot)])
        var status = row.flatMap { LotStatus(rawValue: $0.string(0)) } ?? .open
        let cursor = try configInt(ConfigKey.cursor)
        let bodies = try database.rows(
            "SELECT body FROM outbox WHERE lot = ? AND kind = 'lock' AND \(Node.overlaying) ORDER BY seq",
            [.text(lot), .int(cursor)])
        for row in bodies {
            let operation = try JSONCoding.decode(SyncOperation.self, from: Array(row.string(0).utf8))
            if let value = operation.values[LotField.status], let overlaid = LotStatus(rawValue: value) {
                status = overlaid
            }
        }
        return LotView(status: status, revision: row?.integer(1) ?? 0, pending: !bodies.isEmpty)
    }

    /// Open conflicts pulled for a sheet, oldest first.
    public func openConflicts(epreuve: String, candidate: String) throws -> [ConflictRecord] {
        try database.rows("""
            SELECT json FROM srv_conflicts WHERE epreuve = ? AND candidate = ? AND status = 'open' ORDER BY id
            """, [.text(epreuve), .text(candidate)])
            .map { try JSONCoding.decode(ConflictRecord.self, from: Array($0.string(0).utf8)) }
    }

    /// Number of operations in the outbox.
    public func outboxCount() throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM outbox") ?? 0)
    }

    /// The outbox in sequence order.
    public func outbox() throws -> [SyncOperation] {
        try database.rows("SELECT body FROM outbox ORDER BY seq")
            .map { try JSONCoding.decode(SyncOperation.self, from: Array($0.string(0).utf8)) }
    }
}
