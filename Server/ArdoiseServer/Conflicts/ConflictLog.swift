import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// The conflict-resolution report in the store: entries numbered here, never deleted, each written with
/// the change that nodes pull and an audit entry. Nothing a person entered is dropped: a rejected
/// operation becomes entries too.
struct ConflictLog {
    let db: Database

    /// Stores an entry from a merge decision (numbering it when new, id 0) and audits it.
    func add(_ entry: ConflictRecord, clock: WallClock, key: AuditKey) throws {
        var record = entry
        if record.id == 0 { record.id = (try db.scalarInt("SELECT coalesce(max(id), 0) + 1 FROM conflicts")) ?? 1 }
        try store(record)
        try AuditLog(db: db, clock: clock, key: key).append(
            actor: "server", action: record.kind.disputes ? "conflict" : "reject",
            detail: "#\(record.id) \(record.kind.rawValue) lot \(record.lot) candidate \(record.candidate ?? "-") "
                + "\(record.field): \(record.rule)")
    }

    /// Inserts or replaces an entry and tells the nodes of its centre.
    func store(_ record: ConflictRecord) throws {
        let body = String(decoding: try JSONCoding.encode(record), as: UTF8.self)
        try db.run("""
            INSERT INTO conflicts(id, kind, epreuve, centre, lot, candidate, field, status, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body
            """, [.int(record.id), .text(record.kind.rawValue), .text(record.epreuve), .text(record.centre),
                  .text(record.lot), .optional(record.candidate), .text(record.field), .text(record.status.rawValue),
                  .text(body)])
        _ = try ChangeLog(db: db).append(centre: record.centre, Change(
            rev: 0, kind: .conflict, epreuve: record.epreuve, lot: record.lot, candidate: record.candidate,
            field: record.field, conflict: record))
    }

    func record(_ id: Int64) throws -> ConflictRecord? {
        try db.row("SELECT body FROM conflicts WHERE id = ?", [.int(id)])
            .map { try JSONCoding.decode(ConflictRecord.self, from: Array(try $0.string("body").utf8)) }
    }

    /// Every entry, ordered by épreuve, centre, lot, then id.
    func all() throws -> [ConflictRecord] {
        try db.rows("SELECT body FROM conflicts ORDER BY epreuve, centre, lot, id")
            .map { try JSONCoding.decode(ConflictRecord.self, from: Array(try $0.string("body").utf8)) }
    }

    /// A sheet's open entries that dispute a field, by field.
    func openDisputes(epreuve: String, candidate: String) throws -> [String: ConflictRecord] {
        var found: [String: ConflictRecord] = [:]
        for row in try db.rows("""
            SELECT body FROM conflicts WHERE epreuve = ? AND candidate = ? AND status = 'open' AND kind IN (\(Self.disputing))
            ORDER BY id
            """, [.text(epreuve), .text(candidate)]) {
            let record = try JSONCoding.decode(ConflictRecord.self, from: Array(try row.string("body").utf8))
            found[record.field] = found[record.field] ?? record
        }
        return found
    }

    /// The kinds that dispute a grade, as an SQL list.
    static let disputing = ConflictKind.allCases.filter(\.disputes).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Candidates of a lot with an open entry that disputes their grade.
    func disputedCandidates(lot: String) throws -> Int {
        Int(try db.scalarInt("""
            SELECT count(DISTINCT candidate) FROM conflicts WHERE lot = ? AND status = 'open' AND kind IN (\(Self.disputing))
            """, [.text(lot)]) ?? 0)
    }
}
