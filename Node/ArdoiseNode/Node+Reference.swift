import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// A lot of the reference data.
struct LotInfo {
    var id: String
    var epreuve: String
    var centre: String
    var group: String
}

extension Node {
    /// Stores an enrolment and its reference data in one transaction, as `enrol` does; tests use it to
    /// build a node folder without a server.
    public func install(reference: ReferenceSnapshot, node: String, centre: String, token: String,
                        server: String, session: String? = nil, label: String = "") throws {
        try database.transaction {
            try storeEnrolment(node: node, token: token, server: server, centre: centre,
                               session: session ?? reference.session, label: label)
            try storeReference(reference)
        }
    }

    /// True once a token is stored.
    public var isEnrolled: Bool {
        get throws { try config(ConfigKey.token) != nil }
    }

    /// Writes the enrolment (call inside a transaction). Cursor, sequence and clock start afresh.
    func storeEnrolment(node: String, token: String, server: String, centre: String, session: String,
                        label: String) throws {
        try setConfig(ConfigKey.node, node)
        try setConfig(ConfigKey.token, token)
        try setConfig(ConfigKey.server, server)
        try setConfig(ConfigKey.centre, centre)
        try setConfig(ConfigKey.session, session)
        try setConfig(ConfigKey.label, label)
        try setConfig(ConfigKey.cursor, 0)
        try setConfig(ConfigKey.nextSeq, 1)
        try setConfig(ConfigKey.acked, 0)
    }

    /// Replaces the reference data as a whole (call inside a transaction). Server state and the outbox
    /// are kept: they are keyed by codes, not by reference rows.
    func storeReference(_ reference: ReferenceSnapshot) throws {
        for table in ["epreuves", "examiners", "exam_groups", "group_members", "candidates", "lots", "lot_candidates",
                      "credentials"] {
            try database.execute("DELETE FROM \(table)")
        }
        for item in reference.credentials ?? [] {
            try database.run("INSERT OR REPLACE INTO credentials(examiner, salt, iterations, hash) VALUES (?, ?, ?, ?)",
                             [.text(item.examiner), .text(item.salt), .int(Int64(item.iterations)), .text(item.hash)])
        }
        let epreuve = try database.prepare("INSERT OR REPLACE INTO epreuves(code, json) VALUES(?, ?)")
        for item in reference.epreuves {
            let json = String(decoding: try JSONCoding.encode(item), as: UTF8.self)
            try epreuve.run([.text(item.code), .text(json)])
        }
        let examiner = try database.prepare("INSERT OR REPLACE INTO examiners(id, centre) VALUES(?, ?)")
        for item in reference.examiners { try examiner.run([.text(item.id), .text(item.centre)]) }
        let group = try database.prepare("INSERT OR REPLACE INTO exam_groups(id, epreuve, centre) VALUES(?, ?, ?)")
        let member = try database.prepare("INSERT OR IGNORE INTO group_members(group_id, examiner) VALUES(?, ?)")
        for item in reference.groups {
            try group.run([.text(item.id), .text(item.epreuve), .text(item.centre)])
            for id in item.examiners { try member.run([.text(item.id), .text(id)]) }
        }
        let candidate = try database.prepare("INSERT OR REPLACE INTO candidates(number, centre) VALUES(?, ?)")
        for item in reference.candidates { try candidate.run([.text(item.number), .text(item.centre)]) }
        let lot = try database.prepare("INSERT OR REPLACE INTO lots(id, epreuve, centre, group_id) VALUES(?, ?, ?, ?)")
        let placed = try database.prepare(
            "INSERT OR REPLACE INTO lot_candidates(lot, candidate, epreuve, position) VALUES(?, ?, ?, ?)")
        for item in reference.lots {
            try lot.run([.text(item.id), .text(item.epreuve), .text(item.centre), .text(item.group)])
            for (position, number) in item.candidates.enumerated() {
                try placed.run([.text(item.id), .text(number), .text(item.epreuve), .int(Int64(position))])
            }
        }
        try setConfig(ConfigKey.referenceVersion, reference.version)
    }

    /// Refuses to work before the reference data arrived (enrolment cut before it was fetched).
    func requireReference() throws {
        guard try config(ConfigKey.referenceVersion) != nil else {
            throw CLIError("no reference data on this node yet",
                           hint: "connect to the server and run: ardoise sync --data \(folder)")
        }
    }

    // MARK: lookups

    func epreuve(_ code: String) throws -> Epreuve? {
        guard let json = try database.scalarText("SELECT json FROM epreuves WHERE code = ?", [.text(code)]) else {
            return nil
        }
        return try JSONCoding.decode(Epreuve.self, from: Array(json.utf8))
    }

    func requireEpreuve(_ code: String) throws -> Epreuve {
        try requireReference()
        guard let epreuve = try epreuve(code) else {
            let known = try database.rows("SELECT code FROM epreuves ORDER BY code").map { $0.string(0) }
            throw CLIError("unknown épreuve \(code)",
                           hint: known.isEmpty ? nil : "épreuves of this centre: \(known.joined(separator: ", "))")
        }
        return epreuve
    }

    func lotInfo(_ id: String) throws -> LotInfo? {
        try database.row("SELECT id, epreuve, centre, group_id FROM lots WHERE id = ?", [.text(id)]).map {
            LotInfo(id: $0.string(0), epreuve: $0.string(1), centre: $0.string(2), group: $0.string(3))
        }
    }

    /// The lot of this centre that holds the candidate for the épreuve, or the error naming what is wrong.
    func requireLot(epreuve: String, candidate: String, centre: String) throws -> LotInfo {
        let row = try database.row("""
            SELECT l.id, l.epreuve, l.centre, l.group_id FROM lot_candidates c JOIN lots l ON l.id = c.lot
            WHERE c.epreuve = ? AND c.candidate = ? AND l.centre = ?
            """, [.text(epreuve), .text(candidate), .text(centre)])
        if let row {
            return LotInfo(id: row.string(0), epreuve: row.string(1), centre: row.string(2), group: row.string(3))
        }
        if try database.scalarInt("SELECT 1 FROM candidates WHERE number = ?", [.text(candidate)]) == nil {
            throw CLIError("unknown candidate \(candidate)")
        }
        throw CLIError("candidate \(candidate) is not in a lot of \(epreuve) at centre \(centre)")
    }

    /// A lot of this node's centre, or the error.
    func requireLot(_ id: String, centre: String) throws -> LotInfo {
        try requireReference()
        guard let lot = try lotInfo(id), lot.centre == centre else {
            throw CLIError("unknown lot \(id) at centre \(centre)", hint: "list the lots: ardoise lots --data \(folder)")
        }
        return lot
    }

    /// The examiner must be of this centre and in the lot's group (D6, D10: ECE is graded by groups).
    func requireExaminer(_ examiner: String, of lot: LotInfo, centre: String) throws {
        let known = try database.scalarInt("SELECT 1 FROM examiners WHERE id = ? AND centre = ?",
                                           [.text(examiner), .text(centre)]) != nil
        guard known else { throw CLIError("unknown examiner \(examiner) at centre \(centre)") }
        let member = try database.scalarInt("SELECT 1 FROM group_members WHERE group_id = ? AND examiner = ?",
                                            [.text(lot.group), .text(examiner)]) != nil
        guard member else {
            throw CLIError("examiner \(examiner) is not in group \(lot.group) of lot \(lot.id)")
        }
    }

    /// Candidate numbers of a lot in their reference order.
    func candidates(ofLot id: String) throws -> [String] {
        try database.rows("SELECT candidate FROM lot_candidates WHERE lot = ? ORDER BY position", [.text(id)])
            .map { $0.string(0) }
    }
}
