import ArdoiseProtocol
import ArdoiseSQLite

/// Sheets field by field and lots' statuses as they stand centrally. Every write also appends the
/// change that the nodes of the centre pull, in the caller's transaction.
struct CentralSheets {
    let db: Database

    private var changes: ChangeLog { ChangeLog(db: db) }

    /// A sheet's fields with who wrote each when.
    func fieldStates(epreuve: String, candidate: String) throws -> [String: FieldState] {
        var sheet: [String: FieldState] = [:]
        for row in try db.rows("SELECT field, value, rev, hlc, node, author FROM fields WHERE epreuve = ? AND candidate = ?",
                               [.text(epreuve), .text(candidate)]) {
            sheet[try row.string("field")] = FieldState(
                value: try row.string("value"), rev: try row.int64("rev"), hlc: HLC(text: try row.string("hlc")) ?? .zero,
                node: try row.string("node"), author: try row.string("author"))
        }
        return sheet
    }

    /// A sheet's field values as they stand.
    func values(epreuve: String, candidate: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try db.rows("SELECT field, value FROM fields WHERE epreuve = ? AND candidate = ?",
                               [.text(epreuve), .text(candidate)]) {
            values[try row.string("field")] = try row.string("value")
        }
        return values
    }

    /// Sets (or, with no value, removes) a field of a sheet, tells the nodes of `centre`, and returns the
    /// field's new revision.
    @discardableResult
    func set(_ field: String, _ value: String?, epreuve: String, candidate: String, lot: String, centre: String,
             node: String, author: String, hlc: HLC) throws -> Int64 {
        let rev = try changes.append(centre: centre, Change(
            rev: 0, kind: .field, epreuve: epreuve, lot: lot, candidate: candidate, field: field, value: value,
            author: author, hlc: hlc))
        guard let value else {
            try db.run("DELETE FROM fields WHERE epreuve = ? AND candidate = ? AND field = ?",
                       [.text(epreuve), .text(candidate), .text(field)])
            return rev
        }
        try db.run("""
            INSERT INTO fields(epreuve, candidate, field, value, rev, hlc, node, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(epreuve, candidate, field) DO UPDATE SET value = excluded.value, rev = excluded.rev,
                hlc = excluded.hlc, node = excluded.node, author = excluded.author
            """, [.text(epreuve), .text(candidate), .text(field), .text(value), .int(rev), .text(hlc.description),
                  .text(node), .text(author)])
        return rev
    }

    /// A lot with its central status.
    func lot(_ id: String) throws -> LotState? {
        try db.row("SELECT id, epreuve, centre, group_id, status, rev FROM lots WHERE id = ?", [.text(id)]).map {
            LotState(id: try $0.string("id"), epreuve: try $0.string("epreuve"), centre: try $0.string("centre"),
                     group: try $0.string("group_id"), status: LotStatus(rawValue: try $0.string("status")) ?? .open,
                     rev: try $0.int64("rev"))
        }
    }

    /// Sets a lot's status, tells the nodes of its centre, and returns the revision.
    @discardableResult
    func setStatus(of lot: LotState, _ status: LotStatus, by author: String, hlc: HLC) throws -> Int64 {
        let rev = try changes.append(centre: lot.centre, Change(
            rev: 0, kind: .lot, epreuve: lot.epreuve, lot: lot.id, field: LotField.status, value: status.rawValue,
            author: author, hlc: hlc))
        try db.run("UPDATE lots SET status = ?, rev = ?, changed_by = ?, changed_at = ? WHERE id = ?",
                   [.text(status.rawValue), .int(rev), .text(author), .text(hlc.iso8601), .text(lot.id)])
        return rev
    }
}
