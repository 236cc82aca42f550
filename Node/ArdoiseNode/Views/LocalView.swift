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

/// Server state as last pulled, with the node's pending operations laid over it (ARCHITECTURE "The node").
public struct LocalView {
    let store: NodeStore

    /// Outbox rows that still overlay server state: not acknowledged yet, or acknowledged at a revision
    /// the pull has not reached (their effect, or the server's decision, is not in `srv_*` yet).
    static let overlaying = "(acked_rev IS NULL OR acked_rev > ?)"

    public func sheet(epreuve: String, candidate: String) throws -> SheetView {
        var fields: [String: String] = [:]
        var revisions: [String: Int64] = [:]
        for row in try store.database.rows("SELECT field, value, rev FROM srv_fields WHERE epreuve = ? AND candidate = ?",
                                           [.text(epreuve), .text(candidate)]) {
            let field = try row.string("field")
            revisions[field] = try row.int64("rev")
            if let value = try row.optionalString("value") { fields[field] = value }
        }
        let cursor = try store.config.int(ConfigKey.cursor)
        let bodies = try store.database.rows("""
            SELECT body FROM outbox WHERE epreuve = ? AND candidate = ? AND kind != 'lock' AND \(Self.overlaying)
            ORDER BY seq
            """, [.text(epreuve), .text(candidate), .int(cursor)])
        let epreuve = try LocalReference(store: store).epreuve(epreuve)
        for row in bodies {
            // Operations recorded before levels named their subject are read as the merge reads them.
            let operation = MergeRules.normalised(try Outbox.decode(row), sheet: fields, epreuve: epreuve)
            fields.merge(operation.values) { _, new in new }
        }
        return SheetView(fields: fields, revisions: revisions, pending: !bodies.isEmpty)
    }

    public func lot(_ lot: String) throws -> LotView {
        let row = try store.database.row("SELECT status, rev FROM srv_lots WHERE lot = ?", [.text(lot)])
        var status = try row.flatMap { LotStatus(rawValue: try $0.string("status")) } ?? .open
        let cursor = try store.config.int(ConfigKey.cursor)
        let bodies = try store.database.rows(
            "SELECT body FROM outbox WHERE lot = ? AND kind = 'lock' AND \(Self.overlaying) ORDER BY seq",
            [.text(lot), .int(cursor)])
        for row in bodies {
            if let value = try Outbox.decode(row).values[LotField.status], let overlaid = LotStatus(rawValue: value) {
                status = overlaid
            }
        }
        return LotView(status: status, revision: try row?.int64("rev") ?? 0, pending: !bodies.isEmpty)
    }

    /// Open conflicts pulled for a sheet, oldest first.
    public func openConflicts(epreuve: String, candidate: String) throws -> [ConflictRecord] {
        try store.database.rows("""
            SELECT json FROM srv_conflicts WHERE epreuve = ? AND candidate = ? AND status = 'open' ORDER BY id
            """, [.text(epreuve), .text(candidate)])
            .map { try JSONCoding.decode(ConflictRecord.self, from: Array(try $0.string("json").utf8)) }
    }
}
