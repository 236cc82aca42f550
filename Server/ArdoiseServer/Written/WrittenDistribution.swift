import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Distribution of a written épreuve's copies at a scan centre (D10): once its barèmes are validated, each
/// corrector convoked on its COEC mission (qualité `correcteur`) gets one lot, the counts balanced, and
/// never a candidate of the corrector's own school. An oral épreuve's candidates at an exam centre go the
/// same way to the examiners convoked on its INEC mission there (`scanCentre` is then the exam centre). Copies already in a lot stay there; distributing again
/// places the newly registered. Correctors grade centrally (`CentralGrading`).
public struct WrittenDistribution: Sendable {
    let store: CentralStore
    let clock: WallClock

    public func distribute(epreuve code: String, scanCentre: String, by actor: Actor) throws -> WrittenDistributionReport {
        try store.write { db in
            try AccessGrants(db: db).require(.distributeWritten, by: actor, epreuve: code)
            try Baremes.requireValidated(epreuve: code, db)
            // An oral's examiners are convoked on its INEC mission at the exam centre where candidates sit it.
            let oral = try db.scalarText("SELECT kind FROM registration_epreuves WHERE code = ?", [.text(code)]) == "oral"
            let mission = Mission(type: oral ? .inec : .coec, epreuve: code, centre: scanCentre).id
            let correctors = try db.rows("""
                SELECT s.id, s.first_name, s.last_name, s.school FROM convocations c JOIN staff s ON s.id = c.staff
                WHERE c.mission = ? AND c.qualite = ? ORDER BY s.id
                """, [.text(mission), .text(Qualite.correcteur.rawValue)]).map {
                (id: try $0.string("id"), name: "\(try $0.string("first_name")) \(try $0.string("last_name"))", school: try $0.string("school"))
            }
            guard !correctors.isEmpty else { throw ServerError.conflict("nobody is convoked as correcteur on \(mission) (D6)") }
            let reference = ReferenceTables(db: db)
            try Self.placeCentre(scanCentre, reference, db)
            var copies: [String: [String]] = [:]
            for corrector in correctors {
                let lot = Self.lotID(code, scanCentre, corrector.id)
                copies[corrector.id] = try reference.lot(lot)?.candidates ?? []
                try reference.upsert(Examiner(id: corrector.id, name: corrector.name, centre: scanCentre))
            }
            let placed = Set(try db.rows("SELECT candidate FROM lot_candidates WHERE epreuve = ?", [.text(code)]).map { try $0.string("candidate") })
            var added = 0
            for row in try db.rows("""
                SELECT r.candidate, c.school FROM registrations r JOIN registered_candidates c ON c.number = r.candidate
                WHERE r.epreuve = ? AND (CASE WHEN ? THEN r.exam_centre ELSE r.scan_centre END) = ? ORDER BY r.candidate
                """, [.text(code), .int(oral ? 1 : 0), .text(scanCentre)]) where !placed.contains(try row.string("candidate")) {
                let candidate = try row.string("candidate"), school = try row.string("school")
                // Least loaded first, never of the candidate's school (D10).
                guard let corrector = correctors.filter({ $0.school != school })
                    .min(by: { (copies[$0.id]?.count ?? 0, $0.id) < (copies[$1.id]?.count ?? 0, $1.id) }) else {
                    throw ServerError.conflict("candidate \(candidate): every corrector on \(mission) is of their school \(school) (D10)")
                }
                copies[corrector.id, default: []].append(candidate)
                try Self.placeCandidate(candidate, epreuve: code, centre: scanCentre, reference, db)
                added += 1
            }
            for corrector in correctors {
                let group = "G-\(code)-\(scanCentre)-\(corrector.id)"
                try reference.upsert(ExaminerGroup(id: group, epreuve: code, centre: scanCentre, examiners: [corrector.id]))
                try reference.upsert(Lot(id: Self.lotID(code, scanCentre, corrector.id), epreuve: code, centre: scanCentre, group: group,
                                         candidates: (copies[corrector.id] ?? []).sorted()))
            }
            try Meta(db: db).bumpReferenceVersion()
            let lots = correctors.map { WrittenLot(lot: Self.lotID(code, scanCentre, $0.id), corrector: $0.id, copies: copies[$0.id]?.count ?? 0) }
            let report = WrittenDistributionReport(epreuve: code, scanCentre: scanCentre, added: added, lots: lots)
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor.description, action: "distribute",
                                                                          detail: report.summary)
            return report
        }
    }

    static func lotID(_ epreuve: String, _ centre: String, _ corrector: String) -> String { "L-\(epreuve)-\(centre)-\(corrector)" }

    /// The scan centre in the shared reference (lots and examiners name it).
    private static func placeCentre(_ code: String, _ reference: ReferenceTables, _ db: Database) throws {
        guard try reference.centre(code) == nil else { return }
        guard let name = try db.scalarText("SELECT name FROM registration_centres WHERE code = ?", [.text(code)]) else {
            throw ServerError.notFound("scan centre \(code) is not a centre of the registrations")
        }
        try reference.upsert(Centre(code: code, name: name))
    }

    /// The candidate in the shared reference, with this épreuve among theirs (their centre kept if known).
    private static func placeCandidate(_ number: String, epreuve: String, centre: String, _ reference: ReferenceTables, _ db: Database) throws {
        let row = try db.row("SELECT centre, epreuves FROM candidates WHERE number = ?", [.text(number)])
        var epreuves = try row.map { try $0.string("epreuves").split(separator: ",").map(String.init) } ?? []
        if !epreuves.contains(epreuve) { epreuves.append(epreuve) }
        try reference.upsert(Candidate(number: number, centre: try row?.string("centre") ?? centre, epreuves: epreuves))
    }
}

public struct WrittenLot: Codable, Sendable, Equatable {
    public var lot: String
    public var corrector: String
    public var copies: Int
}

public struct WrittenDistributionReport: Codable, Sendable, Equatable {
    public var epreuve: String
    public var scanCentre: String
    /// Copies placed by this distribution.
    public var added: Int
    public var lots: [WrittenLot]

    public var summary: String {
        "\(epreuve) at \(scanCentre): \(added) copies placed; " + lots.map { "\($0.corrector) \($0.copies)" }.joined(separator: ", ")
    }
}
