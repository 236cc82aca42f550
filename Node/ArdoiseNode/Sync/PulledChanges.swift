import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Stores pulled central changes as the server state the node shows (inside the page's transaction).
/// A revision never goes backwards, so applying a page twice changes nothing.
struct PulledChanges {
    let store: NodeStore
    let wall: WallClock

    func apply(_ change: Change) throws {
        let db = store.database
        let clock = NodeClock(config: store.config, wall: wall)
        if let hlc = change.hlc { try clock.observe(hlc) }
        switch change.kind {
        case .field:
            guard let candidate = change.candidate, let field = change.field else {
                throw malformed(change, "a field change without candidate or field")
            }
            try db.run("""
                INSERT INTO srv_fields(epreuve, candidate, field, value, rev, author, hlc) VALUES(?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(epreuve, candidate, field) DO UPDATE SET value = excluded.value, rev = excluded.rev,
                    author = excluded.author, hlc = excluded.hlc WHERE excluded.rev >= srv_fields.rev
                """, [.text(change.epreuve), .text(candidate), .text(field), .optional(change.value), .int(change.rev),
                      .optional(change.author), .optional(change.hlc?.description)])
        case .lot:
            guard let lot = change.lot, let value = change.value, LotStatus(rawValue: value) != nil else {
                throw malformed(change, "a lot change without lot or status")
            }
            try db.run("""
                INSERT INTO srv_lots(lot, status, rev) VALUES(?, ?, ?)
                ON CONFLICT(lot) DO UPDATE SET status = excluded.status, rev = excluded.rev
                    WHERE excluded.rev >= srv_lots.rev
                """, [.text(lot), .text(value), .int(change.rev)])
        case .conflict:
            guard let record = change.conflict else { throw malformed(change, "a conflict change without its record") }
            // Not the node side's clock: a rejected operation's clock may be one the server refused
            // (too far ahead); accepted clocks arrive with field changes anyway.
            try clock.observe(record.server.hlc)
            let json = String(decoding: try JSONCoding.encode(record), as: UTF8.self)
            try db.run("""
                INSERT INTO srv_conflicts(id, epreuve, candidate, lot, field, kind, status, json) VALUES(?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, candidate = excluded.candidate,
                    lot = excluded.lot, field = excluded.field, kind = excluded.kind, status = excluded.status,
                    json = excluded.json
                """, [.int(record.id), .text(record.epreuve), .optional(record.candidate), .text(record.lot),
                      .text(record.field), .text(record.kind.rawValue), .text(record.status.rawValue), .text(json)])
        }
    }

    private func malformed(_ change: Change, _ what: String) -> NodeError {
        NodeError(.unexpectedAnswer, "the server sent \(what) (revision \(change.rev)); nothing of that page was stored",
                  hint: "report this to the central manager")
    }
}
