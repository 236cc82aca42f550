import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Closure (D20): the exam centre closes an ECE épreuve (the académie a written one at a scan centre)
/// once every lot there is locked and nothing is disputed. Closing sends the centre's grades and the épreuve's services faits (a validation, D17) and
/// freezes it there: no harmonisation until a lot is unlocked, which reopens it (audited). The filled
/// evaluation sheets can then be exported (`EvaluationSheets`).
public struct Closure: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// An ECE at an exam centre, by that centre (seed 002); a written épreuve at a scan centre, by a
    /// coordinator of the épreuve or the manager, who distribute its copies there.
    public func close(epreuve: String, centre: String, by actor: Actor) throws -> ClosureReport {
        try store.write { db in
            guard let kind = try db.scalarText("SELECT kind FROM epreuves WHERE code = ?", [.text(epreuve)]) else {
                throw ServerError.notFound("unknown épreuve \(epreuve)")
            }
            if kind == EpreuveKind.ece.rawValue {
                try AccessGrants(db: db).require(.close, by: actor, epreuve: epreuve, centre: centre)
            } else {
                try AccessGrants(db: db).require(.distributeWritten, by: actor, epreuve: epreuve)
            }
            if let closed = try Self.current(epreuve: epreuve, centre: centre, db) {
                throw ServerError.conflict("épreuve \(epreuve) is closed at \(centre) already (by \(closed.by) at \(closed.at))")
            }
            let lots = try db.rows("SELECT id, status FROM lots WHERE epreuve = ? AND centre = ? ORDER BY id", [.text(epreuve), .text(centre)])
            guard !lots.isEmpty else { throw ServerError.notFound("épreuve \(epreuve) has no lot at \(centre)") }
            let open = try lots.filter { try $0.string("status") != LotStatus.locked.rawValue }.map { try $0.string("id") }
            guard open.isEmpty else {
                throw ServerError.conflict("cannot close \(epreuve) at \(centre): lot\(open.count == 1 ? "" : "s") \(open.joined(separator: ", ")) "
                    + "\(open.count == 1 ? "is" : "are") open (D12, D20)")
            }
            let now = clock.iso8601
            let validation = try Validation.send(epreuve: epreuve, centre: centre, by: actor, at: now, db)
            if let disputed = validation.held.first(where: { $0.reason == GradeToSend.Held.disputed.rawValue }) {
                throw ServerError.conflict("cannot close \(epreuve) at \(centre): candidate \(disputed.candidate)'s grade is disputed")
            }
            try db.run("INSERT INTO closures(epreuve, centre, validation, by, at) VALUES (?, ?, ?, ?, ?)",
                       [.text(epreuve), .text(centre), .int(validation.id), .text(actor.description), .text(now)])
            let audit = AuditLog(db: db, clock: clock, key: store.auditKey)
            try audit.append(actor: actor.description, action: "validate", detail: validation.summary)
            try audit.append(actor: actor.description, action: "close", detail: "\(epreuve) at \(centre): \(lots.count) locked lots, "
                + "validation \(validation.id)")
            return ClosureReport(epreuve: epreuve, centre: centre, lots: lots.count, validation: validation, by: actor.description, at: now)
        }
    }

    /// The closure in force of an épreuve at a centre (not reopened), if any.
    static func current(epreuve: String, centre: String, _ db: Database) throws -> (by: String, at: String)? {
        try db.row("SELECT by, at FROM closures WHERE epreuve = ? AND centre = ? AND reopened_at IS NULL", [.text(epreuve), .text(centre)])
            .map { (try $0.string("by"), try $0.string("at")) }
    }

    /// Unlocking a lot of a closed épreuve reopens it there (D20), recorded in the caller's transaction.
    static func reopen(epreuve: String, centre: String, lot: String, by actor: Actor, why: String, audit: AuditLog, _ db: Database) throws {
        guard try current(epreuve: epreuve, centre: centre, db) != nil else { return }
        try db.run("""
            UPDATE closures SET reopened_by = ?, reopened_at = ?, reopened_why = ? WHERE epreuve = ? AND centre = ? AND reopened_at IS NULL
            """, [.text(actor.description), .text(audit.clock.iso8601), .text(why), .text(epreuve), .text(centre)])
        try audit.append(actor: actor.description, action: "reopen", detail: "\(epreuve) at \(centre), by unlocking lot \(lot): \(why)")
    }

    /// Refuses a change to a closed épreuve's grades there (harmonisation).
    static func requireOpen(epreuve: String, centre: String, _ db: Database) throws {
        guard let closed = try current(epreuve: epreuve, centre: centre, db) else { return }
        throw ServerError(409, "épreuve \(epreuve) is closed at \(centre) (by \(closed.by) at \(closed.at)) (D20)",
                          hint: "unlock a lot there with a reason to reopen it")
    }
}

/// What closing did.
public struct ClosureReport: Codable, Sendable, Equatable {
    public var epreuve: String
    public var centre: String
    public var lots: Int
    public var validation: ValidationReport
    public var by: String
    public var at: String

    public var summary: String {
        "\(epreuve) closed at \(centre) by \(by): \(lots) locked lot\(lots == 1 ? "" : "s"); \(validation.summary)"
    }
}
