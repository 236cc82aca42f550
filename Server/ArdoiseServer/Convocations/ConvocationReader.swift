import ArdoiseSQLite

/// Reads convocations as letters: each joined with its person, mission, centres and signature, and the
/// session's académie.
struct ConvocationReader {
    let db: Database

    func letters(id: Int64? = nil, mission: String? = nil, staff: String? = nil) throws -> [ConvocationLetter] {
        let meta = Meta(db: db)
        let academie = try meta.value("academie") ?? "", session = try meta.value("session") ?? ""
        let sessionLabel = try meta.value("session_label") ?? ""
        return try db.rows("""
            SELECT v.id, v.mission, v.staff, v.qualite, v.dates, v.observation, v.author, v.created_at, v.updated_at,
                   m.type, m.epreuve, m.centre, e.label AS epreuve_label, p.label AS part_label, c.name AS centre_name,
                   s.last_name, s.first_name, s.email, s.school, sc.name AS school_name,
                   g.name AS signatory, g.title AS signatory_title
            FROM convocations v JOIN missions m ON m.id = v.mission JOIN staff s ON s.id = v.staff
            LEFT JOIN registration_epreuves e ON e.code = m.epreuve
            LEFT JOIN epreuve_parts p ON p.epreuve = m.epreuve AND p.code = m.part
            LEFT JOIN registration_centres c ON c.code = m.centre LEFT JOIN registration_centres sc ON sc.code = s.school
            LEFT JOIN signatures g ON g.school = m.centre
            WHERE (?1 IS NULL OR v.id = ?1) AND (?2 IS NULL OR v.mission = ?2) AND (?3 IS NULL OR v.staff = ?3)
            ORDER BY v.mission, s.last_name, s.first_name, v.id
            """, [id.map { .int($0) } ?? .null, mission.map { .text($0) } ?? .null, staff.map { .text($0) } ?? .null]).map { row in
            let type = MissionType(rawValue: try row.string("type")) ?? .coec
            let firstName = try row.string("first_name"), lastName = try row.string("last_name")
            return ConvocationLetter(
                id: try row.int64("id"), academie: academie, session: session, sessionLabel: sessionLabel,
                person: .init(id: try row.string("staff"), lastName: lastName, firstName: firstName,
                              email: try row.string("email"), fullName: "\(firstName) \(lastName)",
                              school: .init(code: try row.string("school"), name: try row.optionalString("school_name") ?? "")),
                mission: .init(id: try row.string("mission"), type: type, typeLabel: type.label,
                               epreuve: try row.optionalString("epreuve"), epreuveLabel: try row.optionalString("epreuve_label"),
                               partLabel: try row.optionalString("part_label")),
                qualite: try row.optionalString("qualite").flatMap(Qualite.init(rawValue:)),
                dates: try ConvocationDate.decode(try row.string("dates")),
                place: .init(code: try row.string("centre"), name: try row.optionalString("centre_name") ?? ""),
                observation: try row.string("observation"),
                signatory: Signature(name: try row.optionalString("signatory") ?? "",
                                     title: try row.optionalString("signatory_title") ?? ""),
                author: try row.string("author"), createdAt: try row.string("created_at"),
                updatedAt: try row.optionalString("updated_at"))
        }
    }

    /// The mission's type, épreuve and centre; a 404 naming it when there is none.
    func mission(_ id: String) throws -> (type: MissionType, epreuve: String?, centre: String) {
        guard let row = try db.row("SELECT type, epreuve, centre FROM missions WHERE id = ?", [.text(id)]),
              let type = MissionType(rawValue: try row.string("type")) else {
            throw ServerError.notFound("mission: \(id) not found")
        }
        return (type, try row.optionalString("epreuve"), try row.string("centre"))
    }

    func signature(school: String) throws -> Signature? {
        try db.row("SELECT name, title FROM signatures WHERE school = ?", [.text(school)]).map {
            Signature(name: try $0.string("name"), title: try $0.string("title"))
        }
    }

    func defaults(mission: String) throws -> MissionDefaults? {
        try db.row("SELECT dates, observation FROM mission_defaults WHERE mission = ?", [.text(mission)]).map {
            MissionDefaults(dates: try ConvocationDate.decode(try $0.string("dates")), observation: try $0.string("observation"))
        }
    }

    func centreName(_ code: String) throws -> String? {
        try db.scalarText("SELECT name FROM registration_centres WHERE code = ?", [.text(code)])
    }
}
