import ArdoiseProtocol
import ArdoiseSQLite

/// What the node shows of itself and its lots: where it stands with the server, and each lot's roll call.
public struct NodeReports {
    let store: NodeStore

    public func status() throws -> NodeStatus {
        let who = try EnrolmentRecord.load(store)
        let config = store.config
        let db = store.database
        let cursor = try config.int(ConfigKey.cursor)
        return NodeStatus(
            node: who.node, centre: who.centre, session: who.session, server: who.server,
            pending: Int(try db.scalarInt("SELECT count(*) FROM outbox WHERE acked_rev IS NULL") ?? 0),
            awaitingPull: Int(try db.scalarInt("SELECT count(*) FROM outbox WHERE acked_rev > ?", [.int(cursor)]) ?? 0),
            lastSync: try config.text(ConfigKey.lastSync), cursor: cursor,
            referenceVersion: try config.text(ConfigKey.referenceVersion).flatMap { Int64($0) },
            openConflicts: Int(try db.scalarInt("SELECT count(*) FROM srv_conflicts WHERE status = 'open'") ?? 0),
            auditWitness: try config.text(ConfigKey.auditWitness))
    }

    public func lot(_ id: String) throws -> LotReport {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        let view = LocalView(store: store)
        let lot = try reference.requireLot(id, centre: who.centre)
        guard let epreuve = try reference.epreuve(lot.epreuve) else { throw NodeError.refused("unknown épreuve \(lot.epreuve)") }
        let lines = try lot.candidates.map { number in
            let sheet = try view.sheet(epreuve: lot.epreuve, candidate: number)
            let disputed = try view.openConflicts(epreuve: lot.epreuve, candidate: number).contains { $0.kind.disputes }
            return LotLine(candidate: number, subject: SheetRules.subjectCode(sheet.fields, epreuve),
                           status: SheetRules.status(of: sheet.fields, in: epreuve), disputed: disputed, pending: sheet.pending)
        }
        let status = try view.lot(id)
        return LotReport(id: id, epreuve: lot.epreuve, group: lot.group, status: status.status, pending: status.pending,
                         lines: lines)
    }

    /// Every lot of this node's centre.
    public func lots() throws -> [LotReport] {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        try reference.require()
        return try reference.lots(centre: who.centre).map { try lot($0.id) }
    }

    /// Where a sheet stands as the user sees it (printed after each action).
    public func sheetStatus(epreuve code: String, candidate: String) throws -> SheetStatus {
        let epreuve = try LocalReference(store: store).requireEpreuve(code)
        return SheetRules.status(of: try LocalView(store: store).sheet(epreuve: code, candidate: candidate).fields, in: epreuve)
    }

    /// The evaluation sheet of a candidate as the user sees it (D22), blank where nothing is entered.
    public func sheetText(epreuve code: String, candidate: String) throws -> String {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        let view = LocalView(store: store)
        let epreuve = try reference.requireEpreuve(code)
        let lot = try reference.requireLot(epreuve: code, candidate: candidate, centre: who.centre)
        let sheet = try view.sheet(epreuve: code, candidate: candidate)
        var text = SheetPrinter.render(epreuve: epreuve, candidate: candidate, lot: lot.id, fields: sheet.fields,
                                       conflicts: try view.openConflicts(epreuve: code, candidate: candidate))
        if sheet.pending { text += "(entries not yet synced with the server)\n" }
        return text
    }

    /// The grades a coordinator harmonised at this centre (D16), pulled with who changed them how and why.
    public func harmonisations() throws -> [String] {
        try store.database.rows("""
            SELECT g.epreuve, g.candidate, g.value, r.value AS reason FROM srv_fields g
            LEFT JOIN srv_fields r ON r.epreuve = g.epreuve AND r.candidate = g.candidate AND r.field = ?
            WHERE g.field = ? ORDER BY g.epreuve, g.candidate
            """, [.text(SheetField.harmonisedReason), .text(SheetField.harmonisedGrade)]).map {
            "\(try $0.string("epreuve"))  candidate \(try $0.string("candidate"))  harmonised \(try $0.string("value"))/20: "
                + (try $0.optionalString("reason") ?? "")
        }
    }
}
