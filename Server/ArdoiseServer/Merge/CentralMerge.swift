import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// The I/O around `MergeDecision`: reads the state an operation touches (`MergeStateReader`), asks the
/// pure decision, then writes what it says: fields, the lot's lock, report entries, and the operation
/// itself with its outcome. Lives for one push transaction.
final class CentralMerge {
    private let db: Database
    private let clock: WallClock
    private let key: AuditKey
    private let reader: MergeStateReader
    private let sheets: CentralSheets
    private let conflicts: ConflictLog
    private let insertOperation: Statement

    init(db: Database, centre: String, clock: WallClock, key: AuditKey) throws {
        self.db = db
        self.clock = clock
        self.key = key
        reader = try MergeStateReader(db: db, centre: centre)
        sheets = CentralSheets(db: db)
        conflicts = ConflictLog(db: db)
        insertOperation = try db.prepare("INSERT INTO operations(node, seq, body, outcome, detail) VALUES (?, ?, ?, ?, ?)")
    }

    func apply(_ operation: SyncOperation) throws -> OperationResult {
        let state = try reader.state(for: operation)
        let decision = MergeDecision.decide(operation, state: state, now: clock.millis)
        var revisions = state.sheet.mapValues(\.rev)
        if let candidate = operation.candidate, let lot = state.sheetLot {
            for (field, value) in decision.writes {
                revisions[field] = try sheets.set(field, value, epreuve: operation.epreuve, candidate: candidate,
                                                  lot: lot.id, centre: lot.centre, node: operation.node,
                                                  author: operation.author, hlc: operation.hlc)
            }
        }
        if decision.locksLot, let lot = state.lot {
            let rev = try sheets.setStatus(of: lot, .locked, by: operation.author, hlc: operation.hlc)
            reader.forget(lot: lot.id, rev: rev)
        }
        for var entry in decision.entries {
            // A resolution must start from the field as it stands after this merge.
            if entry.kind.disputes { entry.fieldRev = revisions[entry.field] }
            try conflicts.add(entry, clock: clock, key: key)
        }
        let result = OperationResult(seq: operation.seq, outcome: decision.outcome, detail: decision.detail)
        if decision.entries.contains(where: { $0.kind == .notAuthorised }) {
            // Someone acted without the right (D6): the audit names them, beside the report's entry.
            try AuditLog(db: db, clock: clock, key: key).append(
                actor: operation.node, action: "refused-operation",
                detail: "operation \(operation.seq) by \(operation.author) on lot \(operation.lot): \(result.detail ?? "not authorised")")
        }
        try insertOperation.run([.text(operation.node), .int(operation.seq), .text(operation.jsonText),
                                 .text(result.outcome.rawValue), .optional(result.detail)])
        return result
    }
}
