import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Central actions on lots (D12, D13): locking and unlocking by those the access matrix allows (the
/// épreuve's coordinators, the centre's referent and staff, the manager), each recorded with who, when
/// and why, and pulled by the nodes.
public struct LotActions: Sendable {
    let store: CentralStore
    let clock: CentralClock

    public func unlock(lot id: String, by actor: Actor, why: String) throws -> String {
        let why = try Self.reason(why, for: "an unlock")
        return try store.write { db in
            let sheets = CentralSheets(db: db)
            let lot = try Self.lot(id, for: .unlock, by: actor, sheets: sheets, db)
            guard lot.status == .locked else { throw ServerError.conflict("lot \(id) is not locked") }
            try sheets.setStatus(of: lot, .open, by: actor.description, hlc: clock.tick())
            let audit = AuditLog(db: db, clock: clock.wall, key: store.auditKey)
            try audit.append(actor: actor.description, action: "unlock", detail: "lot \(id): \(why)")
            try Closure.reopen(epreuve: lot.epreuve, centre: lot.centre, lot: id, by: actor, why: why, audit: audit, db)
            return "lot \(id) unlocked by \(actor)"
        }
    }

    /// Locks a lot centrally, under the rule an examiner's lock follows (D12): every candidate graded or
    /// absent, none disputed. Those who may lock a centre's lots do; so does a corrector of the lot's group,
    /// under the whole merge rule a lab PC's lock meets (convoked, in the group): written lots have no lab PC.
    public func lock(lot id: String, by actor: Actor, why: String) throws -> String {
        let why = try Self.reason(why, for: "a central lock")
        return try store.write { db in
            let sheets = CentralSheets(db: db)
            guard let lot = try sheets.lot(id) else { throw ServerError.notFound("unknown lot \(id)") }
            let hlc = clock.tick()
            let operation = SyncOperation(node: "central", seq: 0, hlc: hlc, author: actor.description, kind: .lock,
                                          epreuve: lot.epreuve, lot: lot.id, candidate: nil, base: [:],
                                          values: [LotField.status: LotStatus.locked.rawValue])
            var state = try MergeStateReader(db: db, centre: lot.centre).state(for: operation)
            guard let epreuve = state.epreuve else { throw ServerError.notFound("unknown épreuve \(lot.epreuve)") }
            let check: MergeRules.Check
            do {
                try AccessGrants(db: db).require(.lock, by: actor, epreuve: lot.epreuve, centre: lot.centre)
                check = MergeRules.checkLock(operation, lot: lot, epreuve: epreuve, state: state)
            } catch let refusal as ServerError where refusal.status == 403 && state.members.contains(actor.description) {
                // Signed in with their personal secret: the session stands for the proof.
                state.proofValid = true
                check = MergeRules.check(operation, in: state, now: clock.wall.millis)
            }
            switch check {
            case .accept:
                break
            case .inForce(let rejection), .reject(let rejection):
                throw ServerError(rejection.kind == .notAuthorised ? 403 : 409, rejection.reason)
            }
            try sheets.setStatus(of: lot, .locked, by: actor.description, hlc: hlc)
            try AuditLog(db: db, clock: clock.wall, key: store.auditKey).append(actor: actor.description, action: "lock", detail: "lot \(id): \(why)")
            return "lot \(id) locked by \(actor)"
        }
    }

    /// The lot, once `actor` is known to have the right to `action` on it.
    private static func lot(_ id: String, for action: LotAction, by actor: Actor, sheets: CentralSheets, _ db: Database) throws -> LotState {
        guard let lot = try sheets.lot(id) else { throw ServerError.notFound("unknown lot \(id)") }
        try AccessGrants(db: db).require(action, by: actor, epreuve: lot.epreuve, centre: lot.centre)
        return lot
    }

    private static func reason(_ why: String, for what: String) throws -> String {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("\(what) needs a reason (--why)") }
        return why
    }
}
