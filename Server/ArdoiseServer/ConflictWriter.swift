import ArdoiseProtocol
import ArdoiseSQLite

/// Writes entries of the conflict-resolution report, each with both values, the rule applied and a
/// change that nodes pull. Nothing a person entered is dropped: a rejected operation becomes entries too.
final class ConflictWriter {
    private let db: Database
    private let insert: Statement

    init(db: Database) throws {
        self.db = db
        insert = try db.prepare("""
            INSERT INTO conflicts(id, kind, epreuve, centre, lot, candidate, field, status, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body
            """)
    }

    /// Same field, different values, stale base: the provisional winner is already in `fields`.
    func conflict(_ operation: SyncOperation, field: String, current: FieldState, incomingWins: Bool) throws {
        let kind = FieldMerge.conflictKind(field: field, current.value, operation.values[field] ?? "")
        let winner = incomingWins ? operation.node : current.node
        let why = current.hlc != operation.hlc ? "later clock" : "same clock, greater node id"
        let rule: String
        switch kind {
        case .attendanceVersusGrade:
            rule = "attendance \(operation.values[field] ?? "") against \(current.value) entered elsewhere "
                + "(base revision \(operation.base[field] ?? 0), server at \(current.rev)): disputed until resolved; "
                + "provisional winner \(winner) (\(why))"
        default:
            rule = "stale base (revision \(operation.base[field] ?? 0), server at \(current.rev)), same field, "
                + "different value: provisional winner \(winner) (\(why))"
        }
        let serverSide = ConflictSide(value: current.value, author: current.author, node: current.node, hlc: current.hlc)
        try write(operation, kind: kind, field: field, server: serverSide, rule: rule,
                  winner: incomingWins ? "node" : "server", centre: nil, epreuve: operation.epreuve)
    }

    /// A rejected operation: one entry per field it wanted to change, beside the server's value.
    func rejection(_ operation: SyncOperation, kind: ConflictKind, reason: String, centre: String, epreuve: String,
                   lotStatus: LotStatus?, sheet: [String: FieldState]) throws {
        for (field, _) in operation.values.sorted(by: { $0.key < $1.key }) {
            let serverSide: ConflictSide
            if operation.kind == .lock {
                serverSide = ConflictSide(value: lotStatus?.rawValue, author: "server", node: "central", hlc: .zero)
            } else if let current = sheet[field] {
                serverSide = ConflictSide(value: current.value, author: current.author, node: current.node, hlc: current.hlc)
            } else {
                serverSide = ConflictSide(value: nil, author: "server", node: "central", hlc: .zero)
            }
            try write(operation, kind: kind, field: field, server: serverSide, rule: "rejected: \(reason)",
                      winner: nil, centre: centre, epreuve: epreuve)
        }
    }

    private func write(_ operation: SyncOperation, kind: ConflictKind, field: String, server: ConflictSide, rule: String,
                       winner: String?, centre: String?, epreuve: String) throws {
        let id = (try db.scalarInt("SELECT coalesce(max(id), 0) + 1 FROM conflicts")) ?? 1
        let centre = try centre ?? db.scalarText("SELECT centre FROM lots WHERE id = ?", [.text(operation.lot)]) ?? ""
        let nodeSide = ConflictSide(value: operation.values[field], author: operation.author, node: operation.node,
                                    hlc: operation.hlc)
        let record = ConflictRecord(
            id: id, kind: kind, epreuve: epreuve, centre: centre, lot: operation.lot, candidate: operation.candidate,
            field: field, server: server, node: nodeSide, rule: rule, winner: winner, status: .open, resolution: nil,
            operation: "\(operation.node)#\(operation.seq)")
        try store(record)
        try db.audit(actor: "server", action: kind.disputes ? "conflict" : "reject",
                     detail: "#\(id) \(kind.rawValue) lot \(record.lot) candidate \(record.candidate ?? "-") \(field): \(rule)")
    }

    /// Inserts or replaces an entry and tells the nodes of its centre.
    func store(_ record: ConflictRecord) throws {
        let body = String(decoding: try JSONCoding.encode(record), as: UTF8.self)
        try insert.run([.int(record.id), .text(record.kind.rawValue), .text(record.epreuve), .text(record.centre),
                        .text(record.lot), .optional(record.candidate), .text(record.field), .text(record.status.rawValue),
                        .text(body)])
        _ = try db.appendChange(centre: record.centre, Change(
            rev: 0, kind: .conflict, epreuve: record.epreuve, lot: record.lot, candidate: record.candidate,
            field: record.field, conflict: record))
    }
}
