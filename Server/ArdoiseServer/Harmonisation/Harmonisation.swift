import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Harmonisation (D15, D16): a coordinator changes one copy's grade in a locked lot, or a coordinator or
/// the manager transforms the grades of a lot, part of one, or a corrector, each only when the épreuve's
/// parameter allows it. The raw grade stays; the harmonised one goes beside it, is what is transmitted,
/// and reaches the lab PCs of the centre, with who changed it how and why. Every change is kept.
public struct Harmonisation: Sendable {
    let store: CentralStore
    let clock: CentralClock

    /// A lot's copies as a coordinator harmonises them: by their place in the roll call, without the
    /// candidates' numbers (D15).
    public func view(lot id: String, by actor: Actor) throws -> HarmonisationView {
        try store.withDatabase { db in
            let (lot, epreuve) = try Self.lot(id, for: .harmonise, by: actor, db)
            let copies = try SheetGrades(db: db).lot(lot.id, epreuve: epreuve).map {
                HarmonisationCopy(copy: $0.copy, status: $0.status.label, raw: $0.raw, harmonised: $0.harmonised)
            }
            return HarmonisationView(lot: lot.id, epreuve: lot.epreuve, centre: lot.centre, status: lot.status,
                                     settings: try EpreuveSettings.of(lot.epreuve, db), copies: copies)
        }
    }

    /// D15: one copy's grade, set by a coordinator of the épreuve.
    public func unit(lot id: String, copy: Int, grade: GradePoints, why: String, by actor: Actor) throws -> HarmonisationResult {
        guard case .person = actor else { throw ServerError.forbidden("a unit harmonisation is a coordinator's, signed in (D15)") }
        let rule = try GradeRule.checked(.set(grade))
        return try apply(lots: [id], copies: [copy], rule: rule, kind: "unit", why: why, by: actor)
    }

    /// D16: a lot, some of its copies, or every copy a corrector graded in an épreuve's locked lots.
    public func mass(_ target: MassTarget, rule: GradeRule, why: String, by actor: Actor) throws -> HarmonisationResult {
        let rule = try GradeRule.checked(rule)
        if case .set = rule { throw ServerError.badRequest("a mass harmonisation shifts or maps grades; set one copy with a unit harmonisation") }
        switch target {
        case .lot(let id): return try apply(lots: [id], copies: nil, rule: rule, kind: "mass", why: why, by: actor)
        case .copies(let id, let copies): return try apply(lots: [id], copies: copies, rule: rule, kind: "mass", why: why, by: actor)
        case .corrector(let epreuve, let staff):
            let lots = try store.withDatabase { db in
                try db.rows("SELECT id FROM lots WHERE epreuve = ? AND status = 'locked' ORDER BY id", [.text(epreuve)]).map { try $0.string("id") }
            }
            guard !lots.isEmpty else { throw ServerError.conflict("épreuve \(epreuve) has no locked lot to harmonise (D16)") }
            return try apply(lots: lots, copies: nil, rule: rule, kind: "mass", why: why, by: actor, corrector: staff)
        }
    }

    /// Every harmonisation of an épreuve (or all), oldest first, as the manager and coordinators review them.
    public func history(epreuve: String? = nil) throws -> [HarmonisationEntry] {
        try store.withDatabase { db in
            try db.rows("""
                SELECT id, batch, kind, epreuve, lot, raw, before, after, rule, by, at, why FROM harmonisations
                WHERE ?1 IS NULL OR epreuve = ?1 ORDER BY id
                """, [epreuve.map { .text($0) } ?? .null]).map { try HarmonisationEntry(row: $0) }
        }
    }

    private func apply(lots ids: [String], copies wanted: [Int]?, rule: GradeRule, kind: String, why: String, by actor: Actor,
                       corrector: String? = nil) throws -> HarmonisationResult {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("a harmonisation needs a reason (--why)") }
        guard why.utf8.count <= 500 else { throw ServerError.badRequest("why: longer than 500 bytes") }
        return try store.write { db in
            var targets: [(lot: LotState, sheet: SheetGrade)] = []
            for id in ids {
                let (lot, epreuve) = try Self.lot(id, for: .harmonise, by: actor, db)
                try Self.requireAllowed(kind, lot: lot, db)
                let sheets = try SheetGrades(db: db).lot(lot.id, epreuve: epreuve)
                if let wanted {
                    for copy in wanted where !sheets.contains(where: { $0.copy == copy }) {
                        throw ServerError.notFound("copy \(copy): lot \(lot.id) has copies 1 to \(sheets.count)")
                    }
                }
                for sheet in sheets where wanted?.contains(sheet.copy) ?? true && (corrector == nil || sheet.corrector == corrector) {
                    if kind == "unit", sheet.inForce == nil {
                        throw ServerError.conflict("copy \(sheet.copy) of lot \(lot.id) is \(sheet.status.label): it has no grade to harmonise")
                    }
                    if sheet.inForce != nil { targets.append((lot, sheet)) }
                }
            }
            guard !targets.isEmpty else { throw ServerError.conflict("no graded copy to harmonise there (absent copies keep AB)") }
            let batch = (try db.scalarInt("SELECT max(batch) FROM harmonisations") ?? 0) + 1
            let hlc = clock.tick()
            var changed = 0
            for (lot, sheet) in targets {
                guard let before = sheet.inForce, let raw = sheet.raw else { continue }
                let after = rule.apply(before)
                guard after != before else { continue }
                changed += 1
                try db.run("""
                    INSERT INTO harmonisations(batch, kind, epreuve, candidate, lot, raw, before, after, rule, by, at, why)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.int(batch), .text(kind), .text(lot.epreuve), .text(sheet.candidate), .text(lot.id), .int(Int64(raw.hundredths)),
                          .int(Int64(before.hundredths)), .int(Int64(after.hundredths)), .text(rule.description),
                          .text(actor.description), .text(hlc.iso8601), .text(why)])
                let reason = "\(kind == "unit" ? "unit" : "mass") harmonisation by \(actor) at \(hlc.iso8601): "
                    + "\(before) → \(after) (\(rule), raw \(raw)); \(why)"
                let sheets = CentralSheets(db: db)
                for (field, value) in [(SheetField.harmonisedGrade, after.description), (SheetField.harmonisedReason, reason)] {
                    try sheets.set(field, value, epreuve: lot.epreuve, candidate: sheet.candidate, lot: lot.id, centre: lot.centre,
                                   node: "central", author: actor.description, hlc: hlc)
                }
            }
            let scope = corrector.map { "corrector \($0) in \(ids.count) lot\(ids.count == 1 ? "" : "s")" }
                ?? "lot \(ids.joined(separator: ", "))" + (wanted.map { " cop\($0.count == 1 ? "y" : "ies") " + $0.map(String.init).joined(separator: ", ") } ?? "")
            let summary = "\(scope): \(rule), \(changed) of \(targets.count) graded cop\(targets.count == 1 ? "y" : "ies") changed: \(why)"
            try AuditLog(db: db, clock: clock.wall, key: store.auditKey).append(actor: actor.description, action: "harmonise-\(kind)",
                                                                               detail: summary)
            return HarmonisationResult(batch: batch, changed: changed, graded: targets.count, message: "harmonised \(summary)")
        }
    }

    /// The lot and its épreuve, once `actor` may do `action` there.
    private static func lot(_ id: String, for action: LotAction, by actor: Actor, _ db: Database) throws -> (LotState, Epreuve) {
        guard let lot = try CentralSheets(db: db).lot(id) else { throw ServerError.notFound("unknown lot \(id)") }
        try AccessGrants(db: db).require(action, by: actor, epreuve: lot.epreuve, centre: lot.centre)
        guard let epreuve = try ReferenceTables(db: db).epreuve(lot.epreuve) else { throw ServerError.notFound("unknown épreuve \(lot.epreuve)") }
        return (lot, epreuve)
    }

    /// The épreuve's parameter allows it (D15, D16), and the lot is locked: its grades are final.
    private static func requireAllowed(_ kind: String, lot: LotState, _ db: Database) throws {
        let settings = try EpreuveSettings.of(lot.epreuve, db)
        if kind == "unit" && !settings.editByCoordinator {
            throw ServerError.conflict("épreuve \(lot.epreuve): the parameter \"edit by coordinator\" is off (D15)")
        }
        if kind == "mass" && !settings.harmoniseInMass {
            throw ServerError.conflict("épreuve \(lot.epreuve): the parameter \"harmonise in mass\" is off (D16)")
        }
        guard lot.status == .locked else {
            throw ServerError.conflict("lot \(lot.id) is open: only the grades of a locked lot are harmonised (D15, D16)")
        }
        try Closure.requireOpen(epreuve: lot.epreuve, centre: lot.centre, db)
    }
}
