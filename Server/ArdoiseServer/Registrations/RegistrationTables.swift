import ArdoiseProtocol
import ArdoiseSQLite

/// The registration tables' reads and writes, inside the caller's transaction.
struct RegistrationTables {
    let db: Database

    func upsert(_ centre: RegistrationCentre) throws {
        try db.run("""
            INSERT INTO registration_centres(code, name, kind) VALUES (?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind
            """, [.text(centre.code), .text(centre.name), .text(centre.kind.rawValue)])
    }

    func upsert(_ epreuve: RegistrationEpreuve) throws {
        try db.run("""
            INSERT INTO registration_epreuves(code, label, kind, speciality, assignment_finished) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET label = excluded.label, kind = excluded.kind, speciality = excluded.speciality,
                assignment_finished = excluded.assignment_finished
            """, [.text(epreuve.code), .text(epreuve.label), .text(epreuve.kind.rawValue), .text(epreuve.speciality),
                  .int(epreuve.assignmentFinished ? 1 : 0)])
        for part in epreuve.parts {
            try db.run("""
                INSERT INTO epreuve_parts(epreuve, code, label, discipline) VALUES (?, ?, ?, ?)
                ON CONFLICT(epreuve, code) DO UPDATE SET label = excluded.label, discipline = excluded.discipline
                """, [.text(epreuve.code), .text(part.code), .text(part.label), .text(part.discipline)])
        }
    }

    /// Replaces every candidate and registration by `data`'s: the export is the whole truth.
    func replaceCandidates(with data: RegistrationData) throws {
        try db.execute("DELETE FROM registrations; DELETE FROM registered_candidates;")
        let assigned = Dictionary(data.assignments.map { ("\($0.candidate)/\($0.epreuve)", $0) }, uniquingKeysWith: { first, _ in first })
        let candidate = try db.prepare("INSERT INTO registered_candidates(number, school, division, fraud) VALUES (?, ?, ?, ?)")
        let registration = try db.prepare(
            "INSERT INTO registrations(candidate, epreuve, exam_centre, scan_centre) VALUES (?, ?, ?, ?)")
        for entry in data.candidates {
            try candidate.run([.text(entry.number), .text(entry.school), .text(entry.division), .int(entry.fraud ? 1 : 0)])
            for epreuve in entry.epreuves {
                let assignment = assigned["\(entry.number)/\(epreuve)"]
                try registration.run([.text(entry.number), .text(epreuve), assignment.map { .text($0.examCentre) } ?? .null,
                                      assignment?.scanCentre.map { .text($0) } ?? .null])
            }
        }
    }

    /// Candidate → (épreuve → exam centre, nil while unassigned), as stored.
    func storedAssignments() throws -> [String: [String: String?]] {
        var stored: [String: [String: String?]] = [:]
        for row in try db.rows("SELECT candidate, epreuve, exam_centre FROM registrations") {
            stored[try row.string("candidate"), default: [:]][try row.string("epreuve")] = .some(try row.optionalString("exam_centre"))
        }
        return stored
    }

    func count(_ sql: String) throws -> Int {
        Int(try db.scalarInt(sql) ?? 0)
    }

    func epreuves() throws -> [RegistrationEpreuve] {
        try db.rows("SELECT code, label, kind, speciality, assignment_finished FROM registration_epreuves ORDER BY code").map { row in
            let code = try row.string("code")
            let parts = try db.rows("SELECT code, label, discipline FROM epreuve_parts WHERE epreuve = ? ORDER BY code", [.text(code)])
                .map { EpreuvePart(code: try $0.string("code"), label: try $0.string("label"), discipline: try $0.string("discipline")) }
            return RegistrationEpreuve(code: code, label: try row.string("label"),
                                       kind: EpreuveKind(rawValue: try row.string("kind")) ?? .ecrit,
                                       speciality: try row.string("speciality"), parts: parts,
                                       assignmentFinished: try row.int("assignment_finished") != 0)
        }
    }

    func centres() throws -> [RegistrationCentre] {
        try db.rows("SELECT code, name, kind FROM registration_centres ORDER BY code").map {
            RegistrationCentre(code: try $0.string("code"), name: try $0.string("name"),
                               kind: CentreKind(rawValue: try $0.string("kind")) ?? .school)
        }
    }
}
