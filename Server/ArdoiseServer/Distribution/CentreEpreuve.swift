import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// An ECE épreuve at an exam centre as distribution sees it: its groups, its lots and their sizes, the
/// lot each group receives candidates in. Reads and writes inside the caller's transaction.
struct CentreEpreuve {
    let db: Database
    let epreuve: String
    let centre: String

    /// The place, once `actor` may do `action` there (D6, D13), the épreuve is known with its barèmes (a
    /// session file loaded it) and is an ECE one; an exam centre of the registrations is added to the
    /// reference centres when it is not there yet.
    static func checked(epreuve: String, centre: String, for action: LotAction, by actor: Actor,
                        _ db: Database) throws -> CentreEpreuve {
        try Self.identifier(epreuve, "epreuve")
        try Self.identifier(centre, "centre")
        try AccessGrants(db: db).require(action, by: actor, epreuve: epreuve, centre: centre)
        guard let kind = try db.scalarText("SELECT kind FROM epreuves WHERE code = ?", [.text(epreuve)]) else {
            throw ServerError.notFound("epreuve: \(epreuve) has no subjects or barèmes loaded (load the session file first)")
        }
        guard kind == EpreuveKind.ece.rawValue else {
            throw ServerError.conflict("epreuve: \(epreuve) is not an ECE épreuve: its copies go to single correctors (not yet)")
        }
        if try ReferenceTables(db: db).centre(centre) == nil {
            guard let name = try db.scalarText("SELECT name FROM registration_centres WHERE code = ? AND kind = ?",
                                               [.text(centre), .text(CentreKind.examCentre.rawValue)]) else {
                throw ServerError.notFound("centre: \(centre) is not an exam centre of the registrations or of the session file")
            }
            try ReferenceTables(db: db).upsert(Centre(code: centre, name: name))
        }
        return CentreEpreuve(db: db, epreuve: epreuve, centre: centre)
    }

    /// Refuses (400, naming the field) what the wire would refuse as an identifier.
    static func identifier(_ text: String, _ field: String) throws {
        if let problem = WireLimits.identifierProblem(text) { throw ServerError.badRequest("\(field): \"\(text)\" \(problem)") }
    }

    /// The groups of the épreuve here, by id.
    func groups() throws -> [ExaminerGroup] {
        try ReferenceTables(db: db).groups(centre: centre).filter { $0.epreuve == epreuve }
    }

    /// A group of the épreuve here, or 404 naming it.
    func group(_ id: String) throws -> ExaminerGroup {
        guard let group = try groups().first(where: { $0.id == id }) else {
            throw ServerError.notFound("group: \(id) is not a group of \(epreuve) at \(centre)")
        }
        return group
    }

    /// The groups named (each one of the épreuve here, without repeats), or every group here.
    func groupIDs(named: [String]?) throws -> [String] {
        guard let named else { return try groups().map(\.id) }
        var seen = Set<String>()
        return try named.map { try group($0).id }.filter { seen.insert($0).inserted }
    }

    /// `candidates` shared among `lots` so that their sizes end as even as can be (BalancedSplit), each lot
    /// a run of consecutive numbers; with the words "L1 +3, L2 +2".
    func share(_ candidates: [String], among lots: [String]) throws -> (blocks: [(lot: String, candidates: [String])], summary: String) {
        let sizes = try lotSizes()
        let shares = BalancedSplit.shares(of: candidates.count, sizes: lots.map { lot in sizes.first { $0.lot == lot }?.candidates ?? 0 })
        let blocks = zip(lots, BalancedSplit.blocks(candidates, shares: shares)).map { (lot: $0, candidates: $1) }.filter { !$0.candidates.isEmpty }
        return (blocks, blocks.map { "\($0.lot) +\($0.candidates.count)" }.joined(separator: ", "))
    }

    /// The lots of the épreuve here with their sizes, by id.
    func lotSizes() throws -> [LotSize] {
        try db.rows("""
            SELECT l.id, l.group_id, l.status, (SELECT count(*) FROM lot_candidates c WHERE c.lot = l.id) AS size
            FROM lots l WHERE l.epreuve = ? AND l.centre = ? ORDER BY l.id
            """, [.text(epreuve), .text(centre)]).map {
            LotSize(lot: try $0.string("id"), group: try $0.string("group_id"),
                    status: LotStatus(rawValue: try $0.string("status")) ?? .open, candidates: Int(try $0.int64("size")))
        }
    }

    /// The lot a group receives candidates in: its first open lot, or a new one named after the group
    /// when it has none; nil when all its lots are locked (done: D12), so that nobody lands in a locked lot.
    func receivingLot(of group: String) throws -> String? {
        let lots = try lotSizes().filter { $0.group == group }
        if let open = lots.first(where: { $0.status == .open }) { return open.lot }
        guard lots.isEmpty else { return nil }
        var id = group, suffix = 1
        while try db.row("SELECT 1 AS found FROM lots WHERE id = ?", [.text(id)]) != nil {
            suffix += 1
            id = "\(group)-\(suffix)"
        }
        try Self.identifier(id, "lot")
        try ReferenceTables(db: db).upsert(Lot(id: id, epreuve: epreuve, centre: centre, group: group, candidates: []))
        return id
    }

    /// Makes `number` a reference candidate of this centre for the épreuve (what the lab PCs pull). A
    /// candidate the reference places at another centre is refused: the PCs there would not see them here.
    func admit(candidate number: String) throws {
        guard let row = try db.row("SELECT centre, epreuves FROM candidates WHERE number = ?", [.text(number)]) else {
            try ReferenceTables(db: db).upsert(Candidate(number: number, centre: centre, epreuves: [epreuve]))
            return
        }
        let at = try row.string("centre")
        guard at == centre else {
            throw ServerError.conflict("candidate: \(number) sits at centre \(at) in the reference, not at \(centre)")
        }
        let epreuves = try row.string("epreuves").split(separator: ",").map(String.init)
        guard !epreuves.contains(epreuve) else { return }
        try ReferenceTables(db: db).upsert(Candidate(number: number, centre: centre, epreuves: epreuves + [epreuve]))
    }

    /// Adds candidates at the end of a lot's roll call, in the order given: places already called keep
    /// their number (printed sheets and harmonisation name copies by it).
    func append(_ candidates: [String], to lot: String) throws {
        var next = (try db.scalarInt("SELECT max(position) FROM lot_candidates WHERE lot = ?", [.text(lot)]) ?? -1) + 1
        for number in candidates {
            try db.run("INSERT INTO lot_candidates(epreuve, candidate, lot, position) VALUES (?, ?, ?, ?)",
                       [.text(epreuve), .text(number), .text(lot), .int(next)])
            next += 1
        }
    }
}
