import ArdoiseSQLite
import ArdoiseSupport

/// Validation (D17): a coordinator of the épreuve (or the manager) sends its grades to the registration
/// side and its services faits to the missions side, as often as needed. Total when every candidate is
/// absent or in a locked lot (AB sent too); otherwise partial: the candidates of locked lots only.
/// Disputed grades are held back. Sending again what was sent changes nothing there.
public struct Validation: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func validate(epreuve: String, by actor: Actor) throws -> ValidationReport {
        try store.write { db in
            try AccessGrants(db: db).require(.validate, by: actor, epreuve: epreuve)
            let report = try Self.send(epreuve: epreuve, centre: nil, by: actor, at: clock.iso8601, db)
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor.description, action: "validate", detail: report.summary)
            return report
        }
    }

    /// What a validation sent, line by line: the latest one of the épreuve, or the one named.
    public func sent(epreuve: String, validation: Int64? = nil) throws -> [SentGrade] {
        try store.withDatabase { db in
            guard let id = try validation ?? db.scalarInt("SELECT max(id) FROM validations WHERE epreuve = ?", [.text(epreuve)]) else {
                throw ServerError.notFound("épreuve \(epreuve) was never validated")
            }
            return try db.rows("""
                SELECT s.validation, s.candidate, s.epreuve, s.value, s.outcome, v.at FROM sent_grades s
                JOIN validations v ON v.id = s.validation WHERE s.validation = ? AND s.epreuve = ? ORDER BY s.candidate
                """, [.int(id), .text(epreuve)]).map {
                SentGrade(validation: try $0.int64("validation"), candidate: try $0.string("candidate"), epreuve: try $0.string("epreuve"),
                          value: try $0.string("value"), outcome: try $0.string("outcome"), at: try $0.string("at"))
            }
        }
    }

    /// Sends the grades of `epreuve` (of `centre`'s lots when given) in the caller's transaction.
    static func send(epreuve: String, centre: String?, by actor: Actor, at: String, _ db: Database) throws -> ValidationReport {
        let lines = try GradeToSend.all(epreuve: epreuve, centre: centre, db)
        guard !lines.isEmpty else { throw ServerError.conflict("épreuve \(epreuve) has no candidate to validate") }
        let total = lines.allSatisfy { $0.absent && $0.held != .disputed || $0.held == nil }
        let sending = lines.filter { total ? $0.held != .disputed : $0.held == nil }
        try db.run("INSERT INTO validations(epreuve, centre, kind, candidates, sent, held, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [.text(epreuve), centre.map { .text($0) } ?? .null, .text(total ? "total" : "partial"), .int(Int64(lines.count)), .int(Int64(sending.count)),
                    .int(Int64(lines.count - sending.count)), .text(actor.description), .text(at)])
        let id = db.lastInsertRowID
        let book = RegistrationGradeBook(db: db)
        var outcomes: [String: Int] = [:]
        for line in sending {
            guard let value = line.value else { continue }
            let outcome = try book.receive(candidate: line.candidate, epreuve: epreuve, value: value, validation: id, at: at)
            outcomes[outcome.rawValue, default: 0] += 1
            try db.run("INSERT INTO sent_grades(validation, candidate, epreuve, value, outcome) VALUES (?, ?, ?, ?, ?)",
                       [.int(id), .text(line.candidate), .text(epreuve), .text(value), .text(outcome.rawValue)])
        }
        let services = try transmitServices(epreuve: epreuve, validation: id, at: at, db)
        let held = lines.filter { line in !sending.contains { $0.candidate == line.candidate } }
        return ValidationReport(
            id: id, epreuve: epreuve, kind: total ? "total" : "partial", candidates: lines.count, sent: sending.count,
            absent: sending.filter(\.absent).count,
            held: held.map { HeldGrade(candidate: $0.candidate, centre: $0.centre, reason: $0.held?.rawValue ?? "held") },
            registration: outcomes, services: services)
    }

    /// D18 on the missions side: the derived services faits of the épreuve's missions replace what was sent
    /// before; the entries made by hand stay apart (`service_entries`), untouched.
    private static func transmitServices(epreuve: String, validation: Int64, at: String, _ db: Database) throws -> Int {
        let lines = try ServicesFaits.derived(epreuve: epreuve, db: db)
        for mission in Set(lines.map(\.mission)) { try db.run("DELETE FROM transmitted_services WHERE mission = ?", [.text(mission)]) }
        for line in lines {
            try db.run("""
                INSERT INTO transmitted_services(mission, convocation, staff, days, candidates, copies, validation, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(line.mission), .int(line.convocation), .text(line.staff), .int(Int64(line.days ?? 0)),
                      line.candidates.map { .int(Int64($0)) } ?? .null, line.copies.map { .int(Int64($0)) } ?? .null,
                      .int(validation), .text(at)])
        }
        return lines.count
    }
}
