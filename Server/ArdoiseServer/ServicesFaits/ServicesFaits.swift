import ArdoiseSQLite
import ArdoiseSupport

/// The services faits of the session (D17, D18): for each convocation, what the correction data shows the
/// person did, derived anew on every read (so a later derivation replaces the former one), and beside it
/// the entries made by hand, kept in their own table, which no derivation touches and only `delete` removes.
///
/// The correction data names its author by examiner id (`fields.author`), which is the staff id of the
/// person convoked: the convocation is the access right (D6).
public struct ServicesFaits: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// What a hand entry may count at most: far above a real mission's days, candidates or copies.
    public static let quantityLimit = 10_000

    /// The derived lines then the hand entries, of one mission or all, by mission, name and source.
    public func list(mission: String? = nil) throws -> [ServiceFait] {
        try store.withDatabase { db in
            let reader = ConvocationReader(db: db)
            if let mission { _ = try reader.mission(mission) }
            let derived = try reader.letters(mission: mission).map { try Self.derive($0, db: db) }
            let entries = try handEntries(mission: mission, db: db)
            return (derived + entries).sorted { ($0.mission, $0.name, $0.staff, $0.source == .saisie ? 1 : 0, $0.entry ?? 0)
                < ($1.mission, $1.name, $1.staff, $1.source == .saisie ? 1 : 0, $1.entry ?? 0) }
        }
    }

    /// Enters a service fait by hand on a convocation: `quantity` of `unit`, with a note. Audited.
    @discardableResult
    public func add(convocation: Int64, quantity: Int, unit: String, note: String, by actor: String = "manager") throws -> ServiceFait {
        guard quantity > 0, quantity <= Self.quantityLimit else {
            throw ServerError.badRequest("quantity: \(quantity) is not between 1 and \(Self.quantityLimit)")
        }
        let unit = try ServiceUnit.resolve(unit)
        let note = try LetterText.observation(note, limit: 500)
        return try store.write { db in
            guard let letter = try ConvocationReader(db: db).letters(id: convocation).first else {
                throw ServerError.notFound("convocation: \(convocation) not found")
            }
            try db.run("""
                INSERT INTO service_entries(convocation, mission, staff, qualite, quantity, unit, note, author, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.int(convocation), .text(letter.mission.id), .text(letter.person.id),
                      letter.qualite.map { .text($0.rawValue) } ?? .null, .int(Int64(quantity)), .text(unit.rawValue),
                      .text(note), .text(actor), .text(clock.iso8601)])
            let id = db.lastInsertRowID
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "service-add",
                detail: "entry \(id): \(quantity) \(unit.rawValue) for \(letter.person.id) on \(letter.mission.id) (convocation \(convocation))")
            guard let entry = try handEntries(id: id, db: db).first else { throw ServerError.notFound("entry: \(id) not found") }
            return entry
        }
    }

    /// Deletes one hand entry, by its id: the only way one goes. Audited.
    public func delete(entry id: Int64, by actor: String = "manager") throws {
        try store.write { db in
            guard let entry = try handEntries(id: id, db: db).first else { throw ServerError.notFound("entry: \(id) not found") }
            try db.run("DELETE FROM service_entries WHERE id = ?", [.int(id)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "service-delete", detail: "entry \(id): \(entry.staff) on \(entry.mission)")
        }
    }

    /// The derived lines of every convocation on a mission of `epreuve`, in the caller's transaction: what
    /// a validation sends to the missions side (D17).
    static func derived(epreuve: String, db: Database) throws -> [ServiceFait] {
        try ConvocationReader(db: db).letters(mission: nil).filter { $0.mission.epreuve == epreuve }.map { try derive($0, db: db) }
    }

    /// A convocation's derived line: days for every mission; candidates examined on PRECE, copies graded on COEC.
    private static func derive(_ letter: ConvocationLetter, db: Database) throws -> ServiceFait {
        var line = ServiceFait(source: .calcul, convocation: letter.id, mission: letter.mission.id, type: letter.mission.type,
                               epreuve: letter.mission.epreuve, centre: letter.place.code, staff: letter.person.id,
                               name: letter.person.fullName, qualite: letter.qualite, days: Set(letter.dates.map(\.day)).count)
        switch letter.mission.type {
        case .prece: line.candidates = try graded(letter, ece: true, db: db)
        case .coec: line.copies = try graded(letter, ece: false, db: db)
        case .inec, .sscan, .academieECE: break
        }
        return line
    }

    /// Distinct candidates in the lots of the mission's épreuve and centre whose sheet has a level, an item or
    /// the attendance in force written by the person. A field another examiner wrote over counts for that one.
    private static func graded(_ letter: ConvocationLetter, ece: Bool, db: Database) throws -> Int {
        guard let epreuve = letter.mission.epreuve else { return 0 }
        return Int(try db.scalarInt("""
            SELECT count(DISTINCT f.candidate) FROM fields f
            JOIN lot_candidates lc ON lc.epreuve = f.epreuve AND lc.candidate = f.candidate JOIN lots l ON l.id = lc.lot
            JOIN epreuves e ON e.code = f.epreuve
            WHERE f.epreuve = ? AND l.centre = ? AND f.author = ?
              AND (f.field = 'attendance' OR f.field LIKE 'level.%' OR f.field LIKE 'item.%')
              AND (e.kind = 'ece') = ?
            """, [.text(epreuve), .text(letter.place.code), .text(letter.person.id), .int(ece ? 1 : 0)]) ?? 0)
    }

    private func handEntries(mission: String? = nil, id: Int64? = nil, db: Database) throws -> [ServiceFait] {
        try db.rows("""
            SELECT h.id, h.convocation, h.mission, h.staff, h.qualite, h.quantity, h.unit, h.note, h.author, h.created_at,
                   m.type, m.epreuve, m.centre, s.first_name, s.last_name
            FROM service_entries h LEFT JOIN missions m ON m.id = h.mission LEFT JOIN staff s ON s.id = h.staff
            WHERE (?1 IS NULL OR h.mission = ?1) AND (?2 IS NULL OR h.id = ?2) ORDER BY h.id
            """, [mission.map { .text($0) } ?? .null, id.map { .int($0) } ?? .null]).map { row in
            let names = [try row.optionalString("first_name"), try row.optionalString("last_name")].compactMap { $0 }
            var line = ServiceFait(source: .saisie, entry: try row.int64("id"), convocation: try row.int64("convocation"),
                                   mission: try row.string("mission"),
                                   type: MissionType(rawValue: try row.optionalString("type") ?? "") ?? .coec,
                                   epreuve: try row.optionalString("epreuve"), centre: try row.optionalString("centre") ?? "",
                                   staff: try row.string("staff"), name: names.joined(separator: " "),
                                   qualite: try row.optionalString("qualite").flatMap(Qualite.init(rawValue:)),
                                   note: try row.string("note"), author: try row.string("author"),
                                   createdAt: try row.string("created_at"))
            let quantity = Int(try row.int64("quantity"))
            switch ServiceUnit(rawValue: try row.string("unit")) {
            case .jours: line.days = quantity
            case .candidats: line.candidates = quantity
            case .copies, nil: line.copies = quantity
            }
            return line
        }
    }
}
