import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Barèmes (D11): the manager defines a written épreuve's subjects and their item barèmes (ECE grids come
/// with the session file); a coordinator of the épreuve, or the manager, validates each subject's barème
/// before distribution (D10); a barème on which grades depend is frozen.
public struct Baremes: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Adds or replaces a subject of a written or oral épreuve known to the registrations (or to the
    /// session), with its item barème; a replaced barème must be validated again.
    public func define(epreuve code: String, subject: String, label: String, items: [BaremeItem]) throws {
        let bareme = Bareme(items: items)
        if let problem = bareme.problems().first { throw ServerError.invalid("barème of \(code) subject \(subject): \(problem)") }
        guard !subject.isEmpty, !subject.contains("."), subject.utf8.count <= 32 else {
            throw ServerError.badRequest("subject: '\(subject)' is not 1 to 32 characters without a dot")
        }
        try store.write { db in
            let reference = ReferenceTables(db: db)
            var epreuve = try reference.epreuve(code) ?? Self.fromRegistrations(code, db)
            guard epreuve.kind != .ece else {
                throw ServerError.conflict("épreuve \(code) is an ECE: its competency grids come with the session file")
            }
            if let current = epreuve.subject(subject), current.bareme != bareme, try Self.graded(code, subject: subject, db) > 0 {
                throw ServerError.conflict("épreuve \(code) subject \(subject): grades depend on its barème, which is frozen (D11)")
            }
            let entry = Subject(code: subject, label: label, bareme: bareme)
            if let index = epreuve.subjects.firstIndex(where: { $0.code == subject }) {
                if epreuve.subjects[index] != entry { try db.run("DELETE FROM bareme_validations WHERE epreuve = ? AND subject = ?", [.text(code), .text(subject)]) }
                epreuve.subjects[index] = entry
            } else {
                epreuve.subjects.append(entry)
            }
            try reference.upsert(epreuve)
            try Meta(db: db).bumpReferenceVersion()
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "bareme-define",
                detail: "\(code) subject \(subject): " + items.map { "\($0.code) /\($0.maximum.formatted2) by \($0.step.formatted2)" }.joined(separator: ", "))
        }
    }

    /// D10: a coordinator of the épreuve, or the manager, validates a subject's barème.
    public func validate(epreuve code: String, subject: String, by actor: Actor) throws {
        try store.write { db in
            try AccessGrants(db: db).require(.validateBareme, by: actor, epreuve: code)
            guard let epreuve = try ReferenceTables(db: db).epreuve(code), let entry = epreuve.subject(subject) else {
                throw ServerError.notFound("épreuve \(code) has no subject \(subject)")
            }
            if let problem = entry.bareme.problems().first { throw ServerError.invalid("barème of \(code) subject \(subject): \(problem)") }
            try db.run("""
                INSERT INTO bareme_validations(epreuve, subject, by, at) VALUES (?, ?, ?, ?)
                ON CONFLICT(epreuve, subject) DO UPDATE SET by = excluded.by, at = excluded.at
                """, [.text(code), .text(subject), .text(actor.description), .text(clock.iso8601)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor.description, action: "bareme-validate",
                                                                          detail: "\(code) subject \(subject)")
        }
    }

    /// Every subject of the épreuve (or all) with its barème, its validation and how many sheets depend on it.
    public func list(epreuve: String? = nil) throws -> [BaremeStatus] {
        try store.withDatabase { db in
            try ReferenceTables(db: db).epreuves().filter { epreuve == nil || $0.code == epreuve }.flatMap { item in
                try item.subjects.map { subject in
                    let validation = try db.row("SELECT by, at FROM bareme_validations WHERE epreuve = ? AND subject = ?",
                                                [.text(item.code), .text(subject.code)])
                    return BaremeStatus(epreuve: item.code, kind: item.kind.rawValue, subject: subject, validatedBy: try validation?.string("by"),
                                        validatedAt: try validation?.string("at"), graded: try Self.graded(item.code, subject: subject.code, db))
                }
            }
        }
    }

    /// D10: nothing is distributed before every subject's barème of the épreuve is validated.
    static func requireValidated(epreuve code: String, _ db: Database) throws {
        guard let epreuve = try ReferenceTables(db: db).epreuve(code), !epreuve.subjects.isEmpty else {
            throw ServerError.conflict("épreuve \(code) has no barème yet (D10, D11)")
        }
        for subject in epreuve.subjects where try db.row("SELECT 1 AS found FROM bareme_validations WHERE epreuve = ? AND subject = ?",
                                                          [.text(code), .text(subject.code)]) == nil {
            throw ServerError(409, "the barème of \(code) subject \(subject.code) is not validated: distribution waits for it (D10)",
                              hint: "ardoise-server bareme validate --data DIR --epreuve \(code) --subject \(subject.code)")
        }
    }

    /// Sheets with a level or an item of the subject.
    static func graded(_ epreuve: String, subject: String, _ db: Database) throws -> Int {
        Int(try db.scalarInt("""
            SELECT count(DISTINCT candidate) FROM fields WHERE epreuve = ?1
                AND (substr(field, 1, length(?2)) = ?2 OR substr(field, 1, length(?3)) = ?3)
            """, [.text(epreuve), .text(SheetField.level(subject: subject, competency: "")),
                  .text(SheetField.item(subject: subject, item: ""))]) ?? 0)
    }

    private static func fromRegistrations(_ code: String, _ db: Database) throws -> Epreuve {
        guard let row = try db.row("SELECT label, kind FROM registration_epreuves WHERE code = ?", [.text(code)]) else {
            throw ServerError.notFound("épreuve \(code) is known neither to the registrations nor to the session")
        }
        let kind: EpreuveKind = try row.string("kind") == "ece" ? .ece : try row.string("kind") == "oral" ? .oral : .ecrit
        if try db.row("SELECT 1 AS found FROM epreuve_parts WHERE epreuve = ?", [.text(code)]) != nil {
            throw ServerError.conflict("épreuve \(code) is corrected in parts: its barèmes come with the parts (not yet)")
        }
        return Epreuve(code: code, label: try row.string("label"), kind: kind, subjects: [])
    }
}

/// A subject's barème with its validation (D10, D11).
public struct BaremeStatus: Codable, Sendable, Equatable {
    public var epreuve: String
    public var kind: String
    public var subject: Subject
    public var validatedBy: String?
    public var validatedAt: String?
    /// Sheets that depend on it: while above 0 it is frozen.
    public var graded: Int
}
