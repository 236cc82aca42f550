import ArdoiseSQLite
import ArdoiseSupport

/// Convocations of staff on missions (D2, D3): made, edited and deleted by a school's head (for now the
/// manager's command line: `actor`), each audited, each readable as a letter (`ConvocationLetter`).
public struct Convocations: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// The registration system's own words (003 §5) when an oral's candidates are not all assigned (D2).
    public static let assignmentNotFinished =
        "L'affectation n'est pas terminée dans cyclades. La convocation des intervenants n'est pas possible."

    /// Convokes each of `request.staff` on the mission, one convocation each, all or none. Refused: an
    /// unknown mission or person (404), an INEC mission whose assignment is not finished (D2), a qualité
    /// the mission type does not allow, no dates, a school without its head's signature, someone convoked
    /// on the mission already.
    @discardableResult
    public func convoke(_ request: ConvocationRequest, by actor: String = "manager") throws -> [ConvocationLetter] {
        try store.write { db in
            let reader = ConvocationReader(db: db)
            let mission = try reader.mission(request.mission)
            if mission.type == .inec, let epreuve = mission.epreuve,
               try db.scalarInt("SELECT assignment_finished FROM registration_epreuves WHERE code = ?", [.text(epreuve)]) != 1 {
                throw ServerError(409, Self.assignmentNotFinished,
                                  hint: "import the registrations again once etat_affectations.csv says oui for \(epreuve) (D2)")
            }
            let staff = try checkedStaff(request.staff, db: db)
            let qualite = try Qualite.resolve(request.qualite, for: mission.type)
            let saved = try reader.defaults(mission: request.mission)
            let dates = try ConvocationDate.checked(request.dates.isEmpty ? saved?.dates ?? [] : request.dates)
            let observation = try LetterText.observation(request.observation ?? saved?.observation ?? "")
            try requireSignature(school: mission.centre, reader: reader)
            for id in staff {
                if let existing = try db.scalarInt("SELECT id FROM convocations WHERE mission = ? AND staff = ?",
                                                   [.text(request.mission), .text(id)]) {
                    throw ServerError.conflict("staff: \(id) is convoked on \(request.mission) already (convocation \(existing))")
                }
            }
            let now = clock.iso8601
            var ids: [Int64] = []
            for id in staff {
                try db.run("""
                    INSERT INTO convocations(mission, staff, qualite, dates, observation, author, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [.text(request.mission), .text(id), qualite.map { .text($0.rawValue) } ?? .null,
                          .text(ConvocationDate.encode(dates)), .text(observation), .text(actor), .text(now)])
                ids.append(db.lastInsertRowID)
            }
            // Who may grade where changed (D6): nodes pull their reference again.
            try Meta(db: db).bumpReferenceVersion()
            let audit = AuditLog(db: db, clock: clock, key: store.auditKey)
            try audit.append(actor: actor, action: "convoke", detail: "\(request.mission): \(staff.joined(separator: ", ")) as "
                + "\(qualite?.rawValue ?? "no qualité") on \(ConvocationDate.encode(dates)) (convocations "
                + ids.map(String.init).joined(separator: ", ") + ")")
            if request.saveDefaults {
                try db.run("""
                    INSERT INTO mission_defaults(mission, dates, observation, set_by, set_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(mission) DO UPDATE SET dates = excluded.dates, observation = excluded.observation,
                        set_by = excluded.set_by, set_at = excluded.set_at
                    """, [.text(request.mission), .text(ConvocationDate.encode(dates)), .text(observation), .text(actor), .text(now)])
                try audit.append(actor: actor, action: "mission-defaults",
                                 detail: "\(request.mission): \(ConvocationDate.encode(dates)), observation of \(observation.count) characters")
            }
            return try ids.flatMap { try reader.letters(id: $0) }
        }
    }

    /// Changes a convocation's qualité, dates or text; what `change` leaves nil stays.
    @discardableResult
    public func edit(_ id: Int64, _ change: ConvocationChange, by actor: String = "manager") throws -> ConvocationLetter {
        guard !change.isEmpty else { throw ServerError.badRequest("nothing to change: give a qualité, dates or an observation") }
        return try store.write { db in
            let reader = ConvocationReader(db: db)
            guard let current = try reader.letters(id: id).first else { throw ServerError.notFound("convocation: \(id) not found") }
            let qualite = change.qualite == nil ? current.qualite : try Qualite.resolve(change.qualite, for: current.mission.type)
            let dates = try change.dates.map { try ConvocationDate.checked($0) } ?? current.dates
            let observation = try change.observation.map { try LetterText.observation($0) } ?? current.observation
            // Who may grade where changed (D6): nodes pull their reference again.
            try Meta(db: db).bumpReferenceVersion()
            try db.run("UPDATE convocations SET qualite = ?, dates = ?, observation = ?, updated_at = ? WHERE id = ?",
                       [qualite.map { .text($0.rawValue) } ?? .null, .text(ConvocationDate.encode(dates)), .text(observation),
                        .text(clock.iso8601), .int(id)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "convocation-edit",
                detail: "convocation \(id) (\(current.person.id) on \(current.mission.id)): "
                    + "\(qualite?.rawValue ?? "no qualité") on \(ConvocationDate.encode(dates))"
                    + (change.observation == nil ? "" : ", observation changed"))
            guard let letter = try reader.letters(id: id).first else { throw ServerError.notFound("convocation: \(id) not found") }
            return letter
        }
    }

    /// Deletes a convocation: the person is no longer convoked on the mission.
    public func delete(_ id: Int64, by actor: String = "manager") throws {
        try store.write { db in
            guard let current = try ConvocationReader(db: db).letters(id: id).first else {
                throw ServerError.notFound("convocation: \(id) not found")
            }
            // Who may grade where changed (D6): nodes pull their reference again.
            try Meta(db: db).bumpReferenceVersion()
            try db.run("DELETE FROM convocations WHERE id = ?", [.int(id)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "convocation-delete",
                detail: "convocation \(id): \(current.person.id) on \(current.mission.id) as \(current.qualite?.rawValue ?? "no qualité")")
        }
    }

    /// The convocations, as letters, of a mission, of a person, or all: by mission, then name.
    public func list(mission: String? = nil, staff: String? = nil) throws -> [ConvocationLetter] {
        try store.withDatabase { try ConvocationReader(db: $0).letters(mission: mission, staff: staff) }
    }

    /// One convocation as its letter; 404 if there is none.
    public func letter(_ id: Int64) throws -> ConvocationLetter {
        guard let letter = try store.withDatabase({ try ConvocationReader(db: $0).letters(id: id).first }) else {
            throw ServerError.notFound("convocation: \(id) not found")
        }
        return letter
    }

    /// Sets (or replaces) the head's signature of a school known to the registrations.
    public func setSignature(school: String, _ signature: Signature, by actor: String = "manager") throws {
        let name = try LetterText.line(signature.name, field: "name"), title = try LetterText.line(signature.title, field: "title")
        try store.write { db in
            guard try ConvocationReader(db: db).centreName(school) != nil else {
                throw ServerError.notFound("school: \(school) not found in the registrations")
            }
            try db.run("""
                INSERT INTO signatures(school, name, title, set_by, set_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(school) DO UPDATE SET name = excluded.name, title = excluded.title, set_by = excluded.set_by,
                    set_at = excluded.set_at
                """, [.text(school), .text(name), .text(title), .text(actor), .text(clock.iso8601)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "signature-set", detail: "\(school): \(name), \(title)")
        }
    }

    public func signature(school: String) throws -> Signature? {
        try store.withDatabase { try ConvocationReader(db: $0).signature(school: school) }
    }

    /// The mission's saved dates and text, if any were saved.
    public func defaults(mission: String) throws -> MissionDefaults? {
        try store.withDatabase { try ConvocationReader(db: $0).defaults(mission: mission) }
    }

    /// The people named, in order, once each and every one known; a refusal naming the others.
    private func checkedStaff(_ ids: [String], db: Database) throws -> [String] {
        guard !ids.isEmpty else { throw ServerError.badRequest("staff: at least one member of staff is needed") }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted { throw ServerError.badRequest("staff: \(id) is named twice") }
        let unknown = try ids.filter { try db.row("SELECT 1 AS found FROM staff WHERE id = ?", [.text($0)]) == nil }
        guard unknown.isEmpty else { throw ServerError.notFound("staff: \(unknown.joined(separator: ", ")) not found") }
        return ids
    }

    private func requireSignature(school: String, reader: ConvocationReader) throws {
        guard try reader.signature(school: school) == nil else { return }
        let name = try reader.centreName(school).map { " \($0)" } ?? ""
        throw ServerError(409, "signature: school \(school)\(name) has no head's signature for its convocations (D3)",
                          hint: "ardoise-server signature set --data DIR --school \(school) --name NAME --title TITLE")
    }
}
