import ArdoiseSQLite
import ArdoiseSupport

/// The staff who act for an exam centre (seed 002's "centre épreuve": lock, unlock and follow its lots),
/// named by the manager, each naming and removal audited.
public struct CentreStaff: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Names `staff` for `centre`, an exam centre of the registrations or of the session file.
    public func name(_ staff: String, centre: String) throws {
        try store.write { db in
            guard try db.row("SELECT 1 AS found FROM staff WHERE id = ?", [.text(staff)]) != nil else {
                throw ServerError.notFound("staff: \(staff) not found in the staff directory")
            }
            guard try isExamCentre(centre, db) else {
                throw ServerError.notFound("centre: \(centre) is not an exam centre of the registrations or of the session file")
            }
            guard try db.row("SELECT 1 AS found FROM centre_staff WHERE centre = ? AND staff = ?", [.text(centre), .text(staff)]) == nil else {
                throw ServerError.conflict("staff: \(staff) acts for centre \(centre) already")
            }
            try db.run("INSERT INTO centre_staff(centre, staff, named_by, named_at) VALUES (?, ?, 'manager', ?)",
                       [.text(centre), .text(staff), .text(clock.iso8601)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "centre-staff-add", detail: "\(staff) acts for centre \(centre)")
        }
    }

    /// Ends what `name` gave.
    public func remove(_ staff: String, centre: String) throws {
        try store.write { db in
            try db.run("DELETE FROM centre_staff WHERE centre = ? AND staff = ?", [.text(centre), .text(staff)])
            guard db.changes > 0 else { throw ServerError.notFound("staff: \(staff) does not act for centre \(centre)") }
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "centre-staff-remove", detail: "\(staff) no longer acts for centre \(centre)")
        }
    }

    /// Who acts for which centre, by centre then staff id.
    public func list() throws -> [CentreStaffMember] {
        try store.withDatabase { db in
            try db.rows("""
                SELECT c.centre, c.staff, s.last_name, s.first_name, c.named_at FROM centre_staff c JOIN staff s ON s.id = c.staff
                ORDER BY c.centre, c.staff
                """).map {
                CentreStaffMember(centre: try $0.string("centre"), staff: try $0.string("staff"),
                                  name: "\(try $0.string("first_name")) \(try $0.string("last_name"))", namedAt: try $0.string("named_at"))
            }
        }
    }

    private func isExamCentre(_ code: String, _ db: Database) throws -> Bool {
        try db.row("""
            SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM registration_centres WHERE code = ?1 AND kind = ?2)
                OR EXISTS (SELECT 1 FROM centres WHERE code = ?1)
            """, [.text(code), .text(CentreKind.examCentre.rawValue)]) != nil
    }
}

/// A member of staff acting for a centre, as listed.
public struct CentreStaffMember: Codable, Sendable, Equatable {
    public var centre: String
    public var staff: String
    public var name: String
    public var namedAt: String
}
