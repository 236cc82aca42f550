import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// When an examiner falls sick (D13): one candidate reassigned to another lot, or a lot's remaining
/// candidates (neither graded nor absent) shared among other groups' lots. Every move is a reassignment
/// recorded with who, when and why, the sheet going with the candidate (sheets are keyed by épreuve and
/// candidate, not lot); one transaction, and the lab PCs pull the new lots.
///
/// Both lots must be open: a locked lot is what was checked done (D12) and what validation transmits
/// (D17), so it is unlocked first, with its own reason, which D13 allows even after transmission.
public struct Redistribution: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func reassign(_ request: ReassignRequest, by actor: Actor) throws -> DistributionResult {
        let why = try Self.reason(request.why)
        return try store.write { db in
            try CentreEpreuve.identifier(request.epreuve, "epreuve")
            try CentreEpreuve.identifier(request.candidate, "candidate")
            let to = try Self.lot(request.lot, "lot", db)
            guard to.epreuve == request.epreuve else {
                throw ServerError.conflict("lot: \(to.id) is a lot of \(to.epreuve), not of \(request.epreuve)")
            }
            let place = try CentreEpreuve.checked(epreuve: to.epreuve, centre: to.centre, for: .reassign, by: actor, db)
            guard let fromID = try ReferenceTables(db: db).lotHolding(epreuve: to.epreuve, candidate: request.candidate) else {
                throw ServerError.notFound("candidate: \(request.candidate) is in no lot of \(to.epreuve): distribute them")
            }
            let from = try Self.lot(fromID, "lot", db)
            guard from.centre == to.centre else {
                throw ServerError.conflict("lot: \(to.id) is at centre \(to.centre), \(request.candidate) sits at \(from.centre): "
                    + "a change of exam centre is the registrations' (import --why)")
            }
            guard from.id != to.id else { throw ServerError.conflict("lot: \(request.candidate) is in lot \(to.id) already") }
            try Self.requireOpen(from)
            try Self.requireOpen(to)
            let move = try move(request.candidate, from: from.id, to: to.id, at: place, by: actor, why: why, db)
            try Meta(db: db).bumpReferenceVersion()
            return DistributionResult(epreuve: place.epreuve, centre: place.centre, moves: [move], lots: try place.lotSizes(),
                                      message: "candidate \(request.candidate) of \(place.epreuve): lot \(from.id) → \(to.id)")
        }
    }

    /// Shares the lot's remaining candidates among the receiving lots of the other groups (or those
    /// listed), balanced as a distribution is; the graded and absent stay where they were graded.
    public func redistribute(_ request: RedistributeRequest, by actor: Actor) throws -> DistributionResult {
        let why = try Self.reason(request.why)
        return try store.write { db in
            try CentreEpreuve.identifier(request.lot, "lot")
            let from = try Self.lot(request.lot, "lot", db)
            let place = try CentreEpreuve.checked(epreuve: from.epreuve, centre: from.centre, for: .reassign, by: actor, db)
            try Self.requireOpen(from)
            try Closure.requireOpen(epreuve: place.epreuve, centre: place.centre, db)  // D20: a new lot would reopen it unseen
            guard let epreuve = try ReferenceTables(db: db).epreuve(from.epreuve) else {
                throw ServerError.notFound("epreuve: \(from.epreuve) is not loaded")
            }
            let remaining = try ReferenceTables(db: db).candidates(ofLot: from.id).filter {
                !SheetRules.status(of: try CentralSheets(db: db).values(epreuve: from.epreuve, candidate: $0), in: epreuve).isDone
            }.sorted()
            guard !remaining.isEmpty else { throw ServerError.conflict("lot: \(from.id) has no candidate left to grade") }
            let shared = try place.share(remaining, among: try receivingLots(request.groups, besides: from, at: place))
            var moves: [CandidateMove] = []
            for block in shared.blocks {
                for number in block.candidates { moves.append(try move(number, from: from.id, to: block.lot, at: place, by: actor, why: why, db)) }
            }
            try Meta(db: db).bumpReferenceVersion()
            let message = "lot \(from.id): \(moves.count) candidate\(moves.count == 1 ? "" : "s") redistributed: " + shared.summary
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor.description, action: "redistribute", detail: "\(message): \(why)")
            return DistributionResult(epreuve: place.epreuve, centre: place.centre, moves: moves, lots: try place.lotSizes(), message: message)
        }
    }

    /// Moves one candidate, as `SessionChanges` moves a graded one from a session file: recorded in
    /// `reassignments` (so that an operation a PC made on the former lot finds the sheet, MergeRules),
    /// audited, at the end of the new lot's roll call.
    private func move(_ candidate: String, from: String, to: String, at place: CentreEpreuve, by actor: Actor, why: String,
                      _ db: Database) throws -> CandidateMove {
        try db.run("DELETE FROM lot_candidates WHERE epreuve = ? AND candidate = ?", [.text(place.epreuve), .text(candidate)])
        try place.append([candidate], to: to)
        let carried = !(try CentralSheets(db: db).values(epreuve: place.epreuve, candidate: candidate).isEmpty)
        try SessionChanges(db: db, reference: ReferenceTables(db: db)).reassign(
            Reassignments.Move(epreuve: place.epreuve, candidate: candidate, from: from, to: to),
            by: actor.description, why: why, at: clock.iso8601)
        try AuditLog(db: db, clock: clock, key: store.auditKey).append(
            actor: actor.description, action: "reassign",
            detail: "candidate \(candidate) of \(place.epreuve): lot \(from) → \(to)\(carried ? " (grade carried)" : ""): \(why)")
        return CandidateMove(candidate: candidate, from: from, to: to, carried: carried)
    }

    private func receivingLots(_ named: [String]?, besides from: LotState, at place: CentreEpreuve) throws -> [String] {
        let groups = try place.groupIDs(named: named)
        if named != nil && groups.contains(from.group) {
            throw ServerError.badRequest("groups: \(from.group) is the group of lot \(from.id)")
        }
        let lots = try groups.filter { $0 != from.group }.compactMap { try place.receivingLot(of: $0) }
        guard !lots.isEmpty else {
            throw ServerError.conflict("groups: no other group of \(place.epreuve) at \(place.centre) has an open lot: make one (groups set)")
        }
        return lots
    }

    private static func lot(_ id: String, _ field: String, _ db: Database) throws -> LotState {
        guard let lot = try CentralSheets(db: db).lot(id) else { throw ServerError.notFound("\(field): unknown lot \(id)") }
        return lot
    }

    private static func requireOpen(_ lot: LotState) throws {
        guard lot.status == .open else {
            throw ServerError.conflict("lot: \(lot.id) is locked: unlock it first, with a reason (D13)")
        }
    }

    private static func reason(_ why: String) throws -> String {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("why: a reassignment needs a reason (--why)") }
        if let problem = WireLimits.valueProblem(why) { throw ServerError.badRequest("why: \(problem)") }
        return why
    }
}
