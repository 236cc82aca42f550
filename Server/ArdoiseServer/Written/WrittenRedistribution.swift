import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// When a corrector of a written épreuve falls sick (D13): the copies of their lot not yet graded (nor
/// absent) go to the other correctors of the scan centre, the least loaded first and never to a corrector
/// of the candidate's school (D10). Every move is a reassignment recorded with who, when and why, the grade
/// going with the copy; both lots must be open (a locked lot is unlocked first, with its own reason).
public struct WrittenRedistribution: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func redistribute(lot id: String, why: String, by actor: Actor) throws -> WrittenDistributionReport {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("why: a reassignment needs a reason (--why)") }
        return try store.write { db in
            let sheets = CentralSheets(db: db), reference = ReferenceTables(db: db)
            guard let from = try sheets.lot(id) else { throw ServerError.notFound("lot: unknown lot \(id)") }
            try AccessGrants(db: db).require(.distributeWritten, by: actor, epreuve: from.epreuve)
            guard let epreuve = try reference.epreuve(from.epreuve), epreuve.kind != .ece else {
                throw ServerError.conflict("lot: \(id) is not a lot of a written épreuve (ECE lots: redistribute)")
            }
            guard from.status == .open else { throw ServerError.conflict("lot: \(id) is locked: unlock it first, with a reason (D13)") }
            let sick = try reference.members(ofGroup: from.group)
            let others = try db.rows("""
                SELECT l.id AS lot, s.id AS staff, s.school FROM lots l JOIN group_members m ON m.group_id = l.group_id
                JOIN staff s ON s.id = m.examiner WHERE l.epreuve = ? AND l.centre = ? AND l.status = 'open' AND l.id <> ? ORDER BY s.id
                """, [.text(from.epreuve), .text(from.centre), .text(id)]).map {
                (lot: try $0.string("lot"), staff: try $0.string("staff"), school: try $0.string("school"))
            }.filter { !sick.contains($0.staff) }
            guard !others.isEmpty else { throw ServerError.conflict("lot: no other corrector of \(from.epreuve) at \(from.centre) has an open lot") }
            var loads = Dictionary(uniqueKeysWithValues: try others.map { ($0.lot, try reference.candidates(ofLot: $0.lot).count) })
            let remaining = try reference.candidates(ofLot: id).filter {
                !SheetRules.status(of: try sheets.values(epreuve: from.epreuve, candidate: $0), in: epreuve).isDone
            }
            guard !remaining.isEmpty else { throw ServerError.conflict("lot: \(id) has no copy left to grade") }
            var moved = 0
            for candidate in remaining {
                let school = try db.scalarText("SELECT school FROM registered_candidates WHERE number = ?", [.text(candidate)])
                guard let to = others.filter({ $0.school != school }).min(by: { (loads[$0.lot] ?? 0, $0.staff) < (loads[$1.lot] ?? 0, $1.staff) }) else {
                    throw ServerError.conflict("candidate \(candidate): every other corrector is of their school (D10)")
                }
                let position = try db.scalarInt("SELECT coalesce(max(position), -1) + 1 FROM lot_candidates WHERE lot = ?", [.text(to.lot)]) ?? 0
                try db.run("UPDATE lot_candidates SET lot = ?, position = ? WHERE epreuve = ? AND candidate = ?",
                           [.text(to.lot), .int(position), .text(from.epreuve), .text(candidate)])
                try SessionChanges(db: db, reference: reference).reassign(
                    Reassignments.Move(epreuve: from.epreuve, candidate: candidate, from: id, to: to.lot), by: actor.description, why: why,
                    at: clock.iso8601)
                loads[to.lot, default: 0] += 1
                moved += 1
            }
            try Meta(db: db).bumpReferenceVersion()
            let report = WrittenDistributionReport(epreuve: from.epreuve, scanCentre: from.centre, added: moved,
                                                   lots: others.map { WrittenLot(lot: $0.lot, corrector: $0.staff, copies: loads[$0.lot] ?? 0) })
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor.description, action: "redistribute", detail: "lot \(id): \(moved) copies moved; \(report.summary): \(why)")
            return report
        }
    }
}
