import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

extension Node {
    public func status() throws -> NodeStatus {
        let who = try enrolment()
        let cursor = try configInt(ConfigKey.cursor)
        return NodeStatus(
            node: who.node, centre: who.centre, session: who.session, server: who.server,
            pending: Int(try database.scalarInt("SELECT count(*) FROM outbox WHERE acked_rev IS NULL") ?? 0),
            awaitingPull: Int(try database.scalarInt("SELECT count(*) FROM outbox WHERE acked_rev > ?", [.int(cursor)]) ?? 0),
            lastSync: try config(ConfigKey.lastSync), cursor: cursor,
            referenceVersion: try config(ConfigKey.referenceVersion).flatMap { Int64($0) },
            openConflicts: Int(try database.scalarInt("SELECT count(*) FROM srv_conflicts WHERE status = 'open'") ?? 0))
    }

    public func lotReport(_ id: String) throws -> LotReport {
        let who = try enrolment()
        let lot = try requireLot(id, centre: who.centre)
        guard let epreuve = try epreuve(lot.epreuve) else { throw CLIError("unknown épreuve \(lot.epreuve)") }
        let view = try lotView(id)
        var lines: [LotLine] = []
        for number in try candidates(ofLot: id) {
            let sheet = try sheetView(epreuve: lot.epreuve, candidate: number)
            let disputed = try openConflicts(epreuve: lot.epreuve, candidate: number).contains { $0.kind.disputes }
            lines.append(LotLine(candidate: number, subject: SheetRules.subjectCode(sheet.fields, epreuve),
                                 status: SheetRules.status(of: sheet.fields, in: epreuve), disputed: disputed,
                                 pending: sheet.pending))
        }
        return LotReport(id: id, epreuve: lot.epreuve, group: lot.group, status: view.status, pending: view.pending,
                         lines: lines)
    }

    /// Every lot of this node's centre.
    public func lotReports() throws -> [LotReport] {
        let who = try enrolment()
        try requireReference()
        return try database.rows("SELECT id FROM lots WHERE centre = ? ORDER BY id", [.text(who.centre)])
            .map { try lotReport($0.string(0)) }
    }
}
