import ArdoiseProtocol
import ArdoiseSQLite

/// Reads who may do what, over a connection its owner serialises, each time it is asked: a convocation
/// made or deleted, a session file loaded, a centre's staff named count at the next request (D6).
struct AccessGrants {
    let db: Database

    /// Every grant of `person`, in a stable order.
    func of(_ person: String) throws -> [Grant] {
        var grants: [Grant] = []
        for row in try db.rows("""
            SELECT m.type, m.epreuve, m.part, m.centre, c.qualite FROM convocations c JOIN missions m ON m.id = c.mission
            WHERE c.staff = ? AND m.epreuve IS NOT NULL ORDER BY m.id
            """, [.text(person)]) {
            let epreuve = try row.string("epreuve"), centre = try row.string("centre")
            let qualite = try row.optionalString("qualite").flatMap(Qualite.init(rawValue:))
            let coordinates = qualite == .coordinateur || qualite == .coordinateurAdjoint
            switch MissionType(rawValue: try row.string("type")) {
            case .academieECE where coordinates:
                grants.append(.coordinator(epreuve: epreuve))
            case .prece:
                if coordinates { grants.append(.referent(epreuve: epreuve, centre: centre)) }
                grants.append(.examiner(epreuve: epreuve, centre: centre))
            case .coec where try row.optionalString("part") == nil, .inec:
                grants.append(.examiner(epreuve: epreuve, centre: centre))
            default:
                break
            }
        }
        let registered = try registeredEpreuves()
        // The session file's word, for the épreuves the registrations do not know.
        if let listed = try db.row("SELECT epreuves FROM coordinators WHERE id = ?", [.text(person)]) {
            let epreuves = try listed.optionalString("epreuves").map { $0.split(separator: ",").map(String.init) }
                ?? db.rows("SELECT code FROM epreuves ORDER BY code").map { try $0.string("code") }
            for epreuve in epreuves where !registered.contains(epreuve) { grants.append(.coordinator(epreuve: epreuve)) }
        }
        for row in try db.rows("""
            SELECT DISTINCT g.epreuve, g.centre FROM group_members m JOIN exam_groups g ON g.id = m.group_id
            WHERE m.examiner = ? ORDER BY g.epreuve, g.centre
            """, [.text(person)]) where !registered.contains(try row.string("epreuve")) {
            grants.append(.examiner(epreuve: try row.string("epreuve"), centre: try row.string("centre")))
        }
        for row in try db.rows("SELECT centre FROM centre_staff WHERE staff = ? ORDER BY centre", [.text(person)]) {
            grants.append(.centre(try row.string("centre")))
        }
        var seen = Set<Grant>()
        return grants.filter { seen.insert($0).inserted }
    }

    /// Whether anyone of that id is known: a coordinator or examiner of the session, or a member of staff.
    func isKnown(_ person: String) throws -> Bool {
        try db.row("""
            SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM coordinators WHERE id = ?1)
                OR EXISTS (SELECT 1 FROM examiners WHERE id = ?1) OR EXISTS (SELECT 1 FROM staff WHERE id = ?1)
            """, [.text(person)]) != nil
    }

    /// Refuses (403, naming what is missing) unless `actor` may do `action` on the lots of `epreuve` at `centre`.
    func require(_ action: LotAction, by actor: Actor, epreuve: String, centre: String) throws {
        guard case .person(let person) = actor else { return }
        guard try !of(person).contains(where: { $0.allows(action, epreuve: epreuve, centre: centre) }) else { return }
        let who = action == .close ? "its referent at \(centre) or the staff of centre \(centre) (D20)"
            : action.isCentreAction ? "a coordinator of \(epreuve), its referent at \(centre) or the staff of centre \(centre)"
            : "a coordinator of \(epreuve)"
        throw ServerError.forbidden("\(person) may not \(action.phrase) \(epreuve) at \(centre): only \(who) may (D6)")
    }

    /// The same for an action on a whole épreuve (validation): only its coordinators, and the manager.
    func require(_ action: LotAction, by actor: Actor, epreuve: String) throws {
        guard case .person(let person) = actor else { return }
        guard try !of(person).contains(where: { $0 == .coordinator(epreuve: epreuve) }) else { return }
        throw ServerError.forbidden("\(person) may not \(action.phrase) \(epreuve): only a coordinator of \(epreuve) may (D6)")
    }

    /// The épreuves run from registrations: for them, only convocations give rights (D6).
    func registeredEpreuves() throws -> Set<String> {
        Set(try db.rows("SELECT code FROM registration_epreuves").map { try $0.string("code") })
    }

    /// D6 for grading: the mission whose convocation gives the right to grade `epreuve` at `centre` (PRECE
    /// at an exam centre for an ECE, COEC at a scan centre for a written épreuve, INEC for an oral), and who
    /// is convoked on it; nil when the registrations do not know the épreuve.
    func examinerConvocation(epreuve: String, centre: String) throws -> MissionConvocation? {
        guard let kind = try db.scalarText("SELECT kind FROM registration_epreuves WHERE code = ?", [.text(epreuve)]) else { return nil }
        let type: MissionType = kind == "ecrit" ? .coec : kind == "oral" ? .inec : .prece
        let mission = Mission(type: type, epreuve: epreuve, centre: centre).id
        let staff = try db.rows("SELECT staff FROM convocations WHERE mission = ?", [.text(mission)]).map { try $0.string("staff") }
        return MissionConvocation(mission: mission, staff: Set(staff))
    }
}
