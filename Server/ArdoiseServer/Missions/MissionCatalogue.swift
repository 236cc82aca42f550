import ArdoiseSQLite
import ArdoiseSupport

/// The missions of the session: generated from registrations (MissionPlanner, D1) and kept. Generating
/// again adds what new registrations call for and keeps every mission already there, with its id (and,
/// later, its convocations), even one whose candidates have since moved away.
public struct MissionCatalogue: Sendable {
    let store: CentralStore
    let clock: WallClock

    public struct Generation: Codable, Sendable, Equatable {
        /// The missions added by this run, by id.
        public var added: [String]
        /// How many missions there are now.
        public var total: Int
    }

    @discardableResult
    public func generate(by actor: String = "manager") throws -> Generation {
        try store.write { db in
            let tables = RegistrationTables(db: db)
            let sittings = Set(try db.rows("SELECT DISTINCT epreuve, exam_centre, scan_centre FROM registrations").map {
                MissionPlanner.Sitting(epreuve: try $0.string("epreuve"), examCentre: try $0.optionalString("exam_centre"),
                                       scanCentre: try $0.optionalString("scan_centre"))
            })
            let planned = try MissionPlanner.plan(epreuves: try tables.epreuves(), centres: try tables.centres(), sittings: sittings)
            var added: [String] = []
            let now = clock.iso8601
            for mission in planned {
                try db.run("INSERT OR IGNORE INTO missions(id, type, epreuve, part, centre, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [.text(mission.id), .text(mission.type.rawValue), mission.epreuve.map { .text($0) } ?? .null,
                            mission.part.map { .text($0) } ?? .null, .text(mission.centre), .text(now)])
                if try db.scalarInt("SELECT changes()") ?? 0 > 0 { added.append(mission.id) }
            }
            let total = Int(try db.scalarInt("SELECT count(*) FROM missions") ?? 0)
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "generate-missions", detail: "\(added.count) added, \(total) in all")
            return Generation(added: added, total: total)
        }
    }

    /// Every mission, by id, or those of one type.
    public func list(type: MissionType? = nil) throws -> [MissionListing] {
        try store.withDatabase { db in
            try db.rows("""
                SELECT m.id, m.type, m.epreuve, m.part, m.centre, m.created_at, e.label AS epreuve_label,
                       e.assignment_finished, p.label AS part_label, c.name AS centre_name
                FROM missions m LEFT JOIN registration_epreuves e ON e.code = m.epreuve
                LEFT JOIN epreuve_parts p ON p.epreuve = m.epreuve AND p.code = m.part
                LEFT JOIN registration_centres c ON c.code = m.centre
                WHERE ?1 IS NULL OR m.type = ?1 ORDER BY m.id
                """, [type.map { .text($0.rawValue) } ?? .null]).map { row in
                var mission = Mission(type: MissionType(rawValue: try row.string("type")) ?? .coec,
                                      epreuve: try row.optionalString("epreuve"), part: try row.optionalString("part"),
                                      centre: try row.string("centre"))
                mission.id = try row.string("id")
                return MissionListing(mission: mission, epreuveLabel: try row.optionalString("epreuve_label"),
                                      partLabel: try row.optionalString("part_label"),
                                      centreName: try row.optionalString("centre_name") ?? "",
                                      assignmentFinished: try row.optionalInt64("assignment_finished").map { $0 != 0 },
                                      createdAt: try row.string("created_at"))
            }
        }
    }
}
