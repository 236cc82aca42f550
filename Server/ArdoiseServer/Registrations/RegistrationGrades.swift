import ArdoiseSQLite
import ArdoiseSupport

/// The registration side's grades (Cyclades' end of D17, D18), implemented here so that the round trip is
/// tested for real: what validations sent, and what its staff entered by hand (`DI`, a `0`…), which a
/// later validation overwrites except a `DI`, and a `0` where the correction side says `AB`.
public struct RegistrationGrades: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// A grade entered by hand on the registration side (the manager, acting for it): `DI`, `AB`, or 0–20.
    public func enter(candidate: String, epreuve: String, value: String) throws {
        let value = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard value == "DI" || value == "AB" || GradePoints(parsing: value).map({ $0 >= .zero && $0 <= .twenty }) == true else {
            throw ServerError.badRequest("value: '\(value)' is not DI, AB or a grade from 0 to 20 with at most two decimals")
        }
        try store.write { db in
            try db.run("""
                INSERT INTO registration_grades(candidate, epreuve, value, source, validation, by, at) VALUES (?, ?, ?, ?, NULL, 'manager', ?)
                ON CONFLICT(candidate, epreuve) DO UPDATE SET value = excluded.value, source = excluded.source,
                    validation = NULL, by = excluded.by, at = excluded.at
                """, [.text(candidate), .text(epreuve), .text(value), .text(RegistrationGradeBook.byHand), .text(clock.iso8601)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "registration-grade", detail: "\(candidate) \(epreuve): \(value) entered by hand")
        }
    }

    /// What the registration side holds for an épreuve, by candidate.
    public func list(epreuve: String) throws -> [RegistrationGrade] {
        try store.withDatabase { db in
            try db.rows("SELECT candidate, epreuve, value, source, validation, at FROM registration_grades WHERE epreuve = ? ORDER BY candidate",
                        [.text(epreuve)]).map {
                RegistrationGrade(candidate: try $0.string("candidate"), epreuve: try $0.string("epreuve"), value: try $0.string("value"),
                                  source: try $0.string("source"), validation: try $0.optionalInt64("validation"), at: try $0.string("at"))
            }
        }
    }
}

public struct RegistrationGrade: Codable, Sendable, Equatable {
    public var candidate: String
    public var epreuve: String
    public var value: String
    /// `transmis` (a validation sent it) or `saisie` (entered by hand there).
    public var source: String
    public var validation: Int64?
    public var at: String
}
