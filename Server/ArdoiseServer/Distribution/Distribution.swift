import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Distribution of an exam centre's candidates for an ECE épreuve to its examiner groups (D10): those the
/// registrations assign to the centre and no lot holds yet, chosen by hand (numbers, or a class division
/// that never leaves the central tables, D9) and given to one group, or shared out automatically so that
/// lots differ by at most one. Candidates already in a lot stay there. One transaction, audited, pulled.
public struct Distribution: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func distribute(_ request: DistributeRequest, by actor: Actor) throws -> DistributionResult {
        try store.write { db in
            let place = try CentreEpreuve.checked(epreuve: request.epreuve, centre: request.centre, for: .distribute, by: actor, db)
            guard try AccessGrants(db: db).examinerConvocation(epreuve: place.epreuve, centre: place.centre) != nil else {
                throw ServerError.conflict("epreuve: the registrations do not know \(place.epreuve): its candidates and lots come from the session file")
            }
            try Closure.requireOpen(epreuve: place.epreuve, centre: place.centre, db)  // D20: a new lot would reopen it unseen
            try Baremes.requireValidated(epreuve: place.epreuve, db)  // D10: candidates wait for a validated barème
            let chosen = try choose(request, at: place, db)
            guard !chosen.isEmpty else {
                return DistributionResult(epreuve: place.epreuve, centre: place.centre, moves: [], lots: try place.lotSizes(),
                                          message: "nothing to distribute: every candidate chosen is in a lot already")
            }
            let shared = try place.share(chosen, among: try receivingLots(request, at: place))
            var moves: [CandidateMove] = []
            for block in shared.blocks {
                for number in block.candidates { try place.admit(candidate: number) }
                try place.append(block.candidates, to: block.lot)
                moves += block.candidates.map { CandidateMove(candidate: $0, from: nil, to: block.lot, carried: false) }
            }
            let message = "\(moves.count) candidate\(moves.count == 1 ? "" : "s") of \(place.epreuve) at \(place.centre) distributed: "
                + shared.summary
            try Meta(db: db).bumpReferenceVersion()
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor.description, action: "distribute", detail: message + Self.filter(request))
            return DistributionResult(epreuve: place.epreuve, centre: place.centre, moves: moves, lots: try place.lotSizes(),
                                      message: message)
        }
    }

    /// The candidates to place, by number: the filter's, less those a lot holds already. A number named
    /// by hand that is not registered here, or that another lot holds, is refused by name.
    private func choose(_ request: DistributeRequest, at place: CentreEpreuve, _ db: Database) throws -> [String] {
        if request.candidates != nil && request.division != nil {
            throw ServerError.badRequest("candidates, division: choose by numbers or by division, not both")
        }
        var sql = "SELECT r.candidate FROM registrations r WHERE r.epreuve = ? AND r.exam_centre = ?"
        var values: [SQLValue] = [.text(place.epreuve), .text(place.centre)]
        if let division = request.division {
            if let problem = WireLimits.identifierProblem(division) { throw ServerError.badRequest("division: \(problem)") }
            sql += " AND EXISTS (SELECT 1 FROM registered_candidates c WHERE c.number = r.candidate AND c.division = ?)"
            values.append(.text(division))
        }
        let registered = try db.rows(sql + " ORDER BY r.candidate", values).map { try $0.string("candidate") }
        let holding = Dictionary(try db.rows("SELECT candidate, lot FROM lot_candidates WHERE epreuve = ?", [.text(place.epreuve)])
            .map { (try $0.string("candidate"), try $0.string("lot")) }, uniquingKeysWith: { first, _ in first })
        guard let named = request.candidates else { return registered.filter { holding[$0] == nil } }
        guard !named.isEmpty else { throw ServerError.badRequest("candidates: name at least one candidate") }
        let here = Set(registered)
        var seen = Set<String>()
        for number in named {
            try CentreEpreuve.identifier(number, "candidates")
            guard here.contains(number) else {
                throw ServerError.notFound("candidates: \(number) is not registered for \(place.epreuve) at \(place.centre)")
            }
            if let lot = holding[number] {
                throw ServerError.conflict("candidates: \(number) is in lot \(lot) already: reassign them, with a reason (D13)")
            }
            seen.insert(number)
        }
        return seen.sorted()
    }

    /// The lots that receive: the named group's, or one per group (all of them, or those listed) that
    /// still has an open lot or none yet.
    private func receivingLots(_ request: DistributeRequest, at place: CentreEpreuve) throws -> [String] {
        if let group = request.group {
            if request.groups != nil { throw ServerError.badRequest("group, groups: give one group, or the groups to share among") }
            _ = try place.group(group)
            guard let lot = try place.receivingLot(of: group) else {
                throw ServerError.conflict("group: every lot of \(group) is locked: unlock one, with a reason (D13)")
            }
            return [lot]
        }
        let lots = try place.groupIDs(named: request.groups).compactMap { try place.receivingLot(of: $0) }
        guard !lots.isEmpty else {
            throw ServerError.conflict("groups: \(place.epreuve) at \(place.centre) has no group with an open lot: make one (groups set)")
        }
        return lots
    }

    /// What chose the candidates, for the audit (the division stays central: D9 concerns correctors).
    private static func filter(_ request: DistributeRequest) -> String {
        if let division = request.division { return " (division \(division))" }
        if let named = request.candidates { return " (\(named.count) named)" }
        return ""
    }
}
