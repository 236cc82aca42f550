import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Loads a session file into the central store: all of it checked first, then written in one
/// transaction. Loading the same file again changes nothing but the reference version; a newer file
/// adds and updates (lot statuses and grades are kept).
public struct SessionLoader: Sendable {
    let store: CentralStore
    let clock: WallClock

    public struct Summary: Sendable, Equatable {
        public var centres, epreuves, examiners, candidates, lots: Int
    }

    /// Reads and checks a session file; every problem names the file and the JSON path.
    public static func read(path: String) throws -> SessionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerError.invalid("cannot read session file \(path)")
        }
        let session: SessionFile
        do {
            session = try JSONCoding.decode(SessionFile.self, from: Array(data))
        } catch {
            throw ServerError.invalid("\(path): \(JSONCoding.describe(error))")
        }
        let problems = session.problems()
        if !problems.isEmpty { throw ServerError.invalid(first: problems.map { "\(path): \($0)" }, or: path) }
        return session
    }

    /// Loads `session`. Once a subject has a grade its barème is frozen; moving a candidate who has a
    /// grade or an attendance is a reassignment (D13) that needs `why`, and the grade moves with them.
    @discardableResult
    public func load(_ session: SessionFile, why: String? = nil, by actor: String = "manager") throws -> Summary {
        try store.write { db in
            let meta = Meta(db: db)
            try meta.requireSession(session.session)
            let reference = ReferenceTables(db: db)
            try SessionChanges(db: db, reference: reference).requireFrozenBaremes(session)
            let moves = try SessionChanges(db: db, reference: reference).moves(session)
            let reason = why?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !moves.isEmpty && reason.isEmpty {
                throw SessionChanges.reasonNeeded(moves.map { "\($0.candidate) \($0.from) → \($0.to)" }, what: "lots")
            }
            try meta.set("session", session.session)
            try meta.set("academie", session.academie)
            for centre in session.centres { try reference.upsert(centre) }
            for epreuve in session.epreuves { try reference.upsert(epreuve) }
            for examiner in session.examiners { try reference.upsert(examiner) }
            for coordinator in session.coordinators {
                let epreuves: SQLValue = coordinator.epreuves.map { .text($0.joined(separator: ",")) } ?? .null
                try db.run("""
                    INSERT INTO coordinators(id, name, epreuves) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, epreuves = excluded.epreuves
                    """, [.text(coordinator.id), .text(coordinator.name), epreuves])
            }
            for group in session.groups { try reference.upsert(group) }
            for candidate in session.candidates { try reference.upsert(candidate) }
            for lot in session.lots { try reference.upsert(lot) }
            let audit = AuditLog(db: db, clock: clock, key: store.auditKey)
            for move in moves {
                try SessionChanges(db: db, reference: reference).reassign(move, by: actor, why: reason, at: clock.iso8601)
                try audit.append(actor: actor, action: "reassign",
                                 detail: "candidate \(move.candidate) of \(move.epreuve): lot \(move.from) → \(move.to): \(reason)")
            }
            try meta.bumpReferenceVersion()
            try audit.append(
                actor: actor, action: "load",
                detail: "session \(session.session): \(session.candidates.count) candidates, \(session.lots.count) lots")
            return Summary(centres: session.centres.count, epreuves: session.epreuves.count,
                           examiners: session.examiners.count, candidates: session.candidates.count, lots: session.lots.count)
        }
    }
}
