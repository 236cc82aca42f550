import ArdoiseProtocol
import ArdoiseSQLite
import Foundation

/// The central store's reads and writes that several parts share, used inside `withDatabase`/`write`:
/// each central change (a field, a lot's status) is written together with the change row nodes pull.
extension Database {
    func meta(_ key: String) throws -> String? {
        try scalarText("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    func setMeta(_ key: String, _ value: String) throws {
        try run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
    }

    /// The highest revision handed out so far.
    func currentRevision() throws -> Int64 {
        try scalarInt("SELECT seq FROM sqlite_sequence WHERE name = 'changes'") ?? 0
    }

    /// Appends a change for the nodes of `centre` and returns its revision. A conflict change points at
    /// its report entry, which the pull reads as it stands then.
    func appendChange(centre: String, _ change: Change) throws -> Int64 {
        try run("""
            INSERT INTO changes(centre, kind, epreuve, lot, candidate, field, value, author, hlc, conflict)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(centre), .text(change.kind.rawValue), .text(change.epreuve), .optional(change.lot),
                  .optional(change.candidate), .optional(change.field), .optional(change.value), .optional(change.author),
                  .optional(change.hlc?.description), change.conflict.map { .int($0.id) } ?? .null])
        return lastInsertRowID
    }

    /// Appends a central decision to the audit log, chained to the entry before it (AuditChain).
    func audit(actor: String, action: String, detail: String) throws {
        let previous = try row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        let entry = AuditChain.Entry(id: (previous?.integer(0) ?? 0) + 1, at: Date().formatted(.iso8601), actor: actor,
                                     action: action, detail: detail)
        try run("INSERT INTO audit(id, at, actor, action, detail, hash) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(entry.id), .text(entry.at), .text(actor), .text(action), .text(detail),
                 .text(AuditChain.hash(entry, previous: previous?.string(1) ?? AuditChain.genesis))])
    }

    /// The version of the reference data; nodes fetch `/v1/reference` again when it moves.
    func referenceVersion() throws -> Int64 {
        Int64(try meta("reference_version") ?? "0") ?? 0
    }

    func bumpReferenceVersion() throws {
        try setMeta("reference_version", String(try referenceVersion() + 1))
    }

    func epreuve(_ code: String) throws -> Epreuve? {
        try scalarText("SELECT body FROM epreuves WHERE code = ?", [.text(code)])
            .map { try JSONCoding.decode(Epreuve.self, from: Array($0.utf8)) }
    }

    /// A sheet's field values as they stand.
    func sheetValues(epreuve: String, candidate: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try rows("SELECT field, value FROM fields WHERE epreuve = ? AND candidate = ?",
                                                   [.text(epreuve), .text(candidate)]).map { ($0.string(0), $0.string(1)) })
    }

    /// Sets (or, with no value, removes) a field of a sheet and tells the nodes of `centre`.
    func setField(_ field: String, _ value: String?, epreuve: String, candidate: String, lot: String, centre: String,
                  node: String, author: String, hlc: HLC) throws {
        let change = Change(rev: 0, kind: .field, epreuve: epreuve, lot: lot, candidate: candidate, field: field,
                            value: value, author: author, hlc: hlc)
        let rev = try appendChange(centre: centre, change)
        guard let value else {
            try run("DELETE FROM fields WHERE epreuve = ? AND candidate = ? AND field = ?",
                    [.text(epreuve), .text(candidate), .text(field)])
            return
        }
        try run("""
            INSERT INTO fields(epreuve, candidate, field, value, rev, hlc, node, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(epreuve, candidate, field) DO UPDATE SET value = excluded.value, rev = excluded.rev,
                hlc = excluded.hlc, node = excluded.node, author = excluded.author
            """, [.text(epreuve), .text(candidate), .text(field), .text(value), .int(rev), .text(hlc.description),
                  .text(node), .text(author)])
    }

    /// Sets a lot's status, tells the nodes of `centre`, and returns the revision.
    @discardableResult
    func setLotStatus(_ lot: String, _ status: LotStatus, epreuve: String, centre: String, by author: String,
                      hlc: HLC) throws -> Int64 {
        let change = Change(rev: 0, kind: .lot, epreuve: epreuve, lot: lot, field: LotField.status,
                            value: status.rawValue, author: author, hlc: hlc)
        let rev = try appendChange(centre: centre, change)
        try run("UPDATE lots SET status = ?, rev = ?, changed_by = ?, changed_at = ? WHERE id = ?",
                [.text(status.rawValue), .int(rev), .text(author), .text(hlc.iso8601), .text(lot)])
        return rev
    }
}
