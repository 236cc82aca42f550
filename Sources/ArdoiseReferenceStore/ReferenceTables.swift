import ArdoiseProtocol
import ArdoiseSQLite

/// Reads and writes the reference data of `ReferenceSchema` over a connection its owner serialises.
/// The node replaces its copy as a whole at each new version; the server updates its own from session
/// files. Both look things up the same way: the lot of a candidate, a group's examiners, a lot's
/// candidates in roll-call order.
public struct ReferenceTables {
    let db: Database

    /// Over a database whose store checked the schema once, when it opened (`check`).
    public init(db: Database) { self.db = db }

    /// Checks that the database has every shared table and column: once, when a store opens.
    public static func check(_ db: Database) throws {
        if let problem = try ReferenceSchema.problem(in: db) {
            throw ReferenceSchemaError(problem: problem)
        }
    }

    // MARK: writes (inside the owner's transaction)

    /// Empties every reference table, before a new version is written whole.
    public func removeAll() throws {
        for table in ReferenceSchema.tables { try db.execute("DELETE FROM \(table.name)") }
    }

    public func upsert(_ centre: Centre) throws {
        try db.run("""
            INSERT INTO centres(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name
            """, [.text(centre.code), .text(centre.name)])
    }

    public func upsert(_ epreuve: Epreuve) throws {
        let body = String(decoding: try JSONCoding.encode(epreuve), as: UTF8.self)
        try db.run("""
            INSERT INTO epreuves(code, label, kind, body) VALUES (?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET label = excluded.label, kind = excluded.kind, body = excluded.body
            """, [.text(epreuve.code), .text(epreuve.label), .text(epreuve.kind.rawValue), .text(body)])
    }

    public func upsert(_ examiner: Examiner) throws {
        try db.run("""
            INSERT INTO examiners(id, name, centre) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, centre = excluded.centre
            """, [.text(examiner.id), .text(examiner.name), .text(examiner.centre)])
    }

    /// A group and its members, replacing the members it had.
    public func upsert(_ group: ExaminerGroup) throws {
        try db.run("""
            INSERT INTO exam_groups(id, epreuve, centre) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, centre = excluded.centre
            """, [.text(group.id), .text(group.epreuve), .text(group.centre)])
        try db.run("DELETE FROM group_members WHERE group_id = ?", [.text(group.id)])
        for examiner in group.examiners {
            try db.run("INSERT OR IGNORE INTO group_members(group_id, examiner) VALUES (?, ?)",
                       [.text(group.id), .text(examiner)])
        }
    }

    public func upsert(_ candidate: Candidate) throws {
        try db.run("""
            INSERT INTO candidates(number, centre, epreuves) VALUES (?, ?, ?)
            ON CONFLICT(number) DO UPDATE SET centre = excluded.centre, epreuves = excluded.epreuves
            """, [.text(candidate.number), .text(candidate.centre), .text(candidate.epreuves.joined(separator: ","))])
    }

    /// A lot and its candidates in the order given (the roll call), replacing the candidates it had.
    /// The lot's other columns (the server's status) are kept.
    public func upsert(_ lot: Lot) throws {
        try db.run("""
            INSERT INTO lots(id, epreuve, centre, group_id) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, centre = excluded.centre, group_id = excluded.group_id
            """, [.text(lot.id), .text(lot.epreuve), .text(lot.centre), .text(lot.group)])
        try db.run("DELETE FROM lot_candidates WHERE lot = ?", [.text(lot.id)])
        for (position, number) in lot.candidates.enumerated() {
            try db.run("INSERT OR REPLACE INTO lot_candidates(epreuve, candidate, lot, position) VALUES (?, ?, ?, ?)",
                       [.text(lot.epreuve), .text(number), .text(lot.id), .int(Int64(position))])
        }
    }

    // MARK: reads

    public func epreuve(_ code: String) throws -> Epreuve? {
        try db.row("SELECT body FROM epreuves WHERE code = ?", [.text(code)])
            .map { try JSONCoding.decode(Epreuve.self, from: Array(try $0.string("body").utf8)) }
    }

    /// Every épreuve, by code.
    public func epreuves() throws -> [Epreuve] {
        try db.rows("SELECT body FROM epreuves ORDER BY code")
            .map { try JSONCoding.decode(Epreuve.self, from: Array(try $0.string("body").utf8)) }
    }

    public func lot(_ id: String) throws -> Lot? {
        guard let row = try db.row("SELECT id, epreuve, centre, group_id FROM lots WHERE id = ?", [.text(id)]) else {
            return nil
        }
        return Lot(id: try row.string("id"), epreuve: try row.string("epreuve"), centre: try row.string("centre"),
                   group: try row.string("group_id"), candidates: try candidates(ofLot: id))
    }

    /// The lots of a centre, by id, with their candidates.
    public func lots(centre: String) throws -> [Lot] {
        try db.rows("SELECT id FROM lots WHERE centre = ? ORDER BY id", [.text(centre)])
            .compactMap { try lot(try $0.string("id")) }
    }

    /// The lot that holds `candidate` for `epreuve`.
    public func lotHolding(epreuve: String, candidate: String) throws -> String? {
        try db.row("SELECT lot FROM lot_candidates WHERE epreuve = ? AND candidate = ?",
                   [.text(epreuve), .text(candidate)]).map { try $0.string("lot") }
    }

    /// A lot's candidates in roll-call order.
    public func candidates(ofLot id: String) throws -> [String] {
        try db.rows("SELECT candidate FROM lot_candidates WHERE lot = ? ORDER BY position, candidate", [.text(id)])
            .map { try $0.string("candidate") }
    }

    public func members(ofGroup id: String) throws -> Set<String> {
        Set(try db.rows("SELECT examiner FROM group_members WHERE group_id = ?", [.text(id)])
            .map { try $0.string("examiner") })
    }

    public func isExaminer(_ id: String, centre: String) throws -> Bool {
        try db.row("SELECT 1 AS found FROM examiners WHERE id = ? AND centre = ?", [.text(id), .text(centre)]) != nil
    }

    public func isCandidate(_ number: String) throws -> Bool {
        try db.row("SELECT 1 AS found FROM candidates WHERE number = ?", [.text(number)]) != nil
    }

    public func centre(_ code: String) throws -> Centre? {
        try db.row("SELECT code, name FROM centres WHERE code = ?", [.text(code)])
            .map { Centre(code: try $0.string("code"), name: try $0.string("name")) }
    }

    /// The groups of a centre with their examiners, by id.
    public func groups(centre: String) throws -> [ExaminerGroup] {
        try db.rows("SELECT id, epreuve FROM exam_groups WHERE centre = ? ORDER BY id", [.text(centre)]).map { row in
            let id = try row.string("id")
            return ExaminerGroup(id: id, epreuve: try row.string("epreuve"), centre: centre,
                                 examiners: try members(ofGroup: id).sorted())
        }
    }

    public func examiners(centre: String) throws -> [Examiner] {
        try db.rows("SELECT id, name FROM examiners WHERE centre = ? ORDER BY id", [.text(centre)])
            .map { Examiner(id: try $0.string("id"), name: try $0.string("name"), centre: centre) }
    }

    public func candidates(centre: String) throws -> [Candidate] {
        try db.rows("SELECT number, epreuves FROM candidates WHERE centre = ? ORDER BY number", [.text(centre)])
            .map { Candidate(number: try $0.string("number"), centre: centre,
                             epreuves: try $0.string("epreuves").split(separator: ",").map(String.init)) }
    }
}

/// The database lacks a shared reference table or column (a migration is missing).
public struct ReferenceSchemaError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public var description: String { "reference schema: \(problem)" }
}
