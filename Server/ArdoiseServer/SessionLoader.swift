import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Loads a session file into the central store: all of it checked first, then written in one
/// transaction. Loading the same file again changes nothing but the reference version; a newer file
/// adds and updates (lot statuses and grades are kept).
public enum SessionLoader {
    public struct Summary: Sendable, Equatable {
        public var centres, epreuves, examiners, candidates, lots: Int
    }

    /// Reads and checks a session file; every problem names the file and the JSON path.
    public static func read(path: String) throws -> SessionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read session file \(path)")
        }
        let session: SessionFile
        do {
            session = try JSONCoding.decode(SessionFile.self, from: Array(data))
        } catch {
            throw CLIError("\(path): \(JSONCoding.describe(error))")
        }
        let problems = session.problems()
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""
            throw CLIError("\(path): \(first)\(more)")
        }
        return session
    }

    @discardableResult
    public static func load(_ session: SessionFile, into store: CentralStore) throws -> Summary {
        try store.write { db in
            if let existing = try db.meta("session"), existing != session.session {
                throw CLIError("this data folder holds session '\(existing)', not '\(session.session)'")
            }
            try db.setMeta("session", session.session)
            try db.setMeta("academie", session.academie)
            for centre in session.centres {
                try db.run("""
                    INSERT INTO centres(code, name) VALUES (?, ?)
                    ON CONFLICT(code) DO UPDATE SET name = excluded.name
                    """, [.text(centre.code), .text(centre.name)])
            }
            for epreuve in session.epreuves {
                let body = String(decoding: try JSONCoding.encode(epreuve), as: UTF8.self)
                try db.run("""
                    INSERT INTO epreuves(code, label, kind, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT(code) DO UPDATE SET label = excluded.label, kind = excluded.kind, body = excluded.body
                    """, [.text(epreuve.code), .text(epreuve.label), .text(epreuve.kind.rawValue), .text(body)])
            }
            for examiner in session.examiners {
                try db.run("""
                    INSERT INTO examiners(id, name, centre) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, centre = excluded.centre
                    """, [.text(examiner.id), .text(examiner.name), .text(examiner.centre)])
            }
            for coordinator in session.coordinators {
                try db.run("""
                    INSERT INTO coordinators(id, name) VALUES (?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name
                    """, [.text(coordinator.id), .text(coordinator.name)])
            }
            for group in session.groups {
                try db.run("""
                    INSERT INTO groups(id, epreuve, centre) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, centre = excluded.centre
                    """, [.text(group.id), .text(group.epreuve), .text(group.centre)])
                try db.run("DELETE FROM group_members WHERE group_id = ?", [.text(group.id)])
                for examiner in group.examiners {
                    try db.run("INSERT INTO group_members(group_id, examiner) VALUES (?, ?)",
                               [.text(group.id), .text(examiner)])
                }
            }
            for candidate in session.candidates {
                try db.run("""
                    INSERT INTO candidates(number, centre, epreuves) VALUES (?, ?, ?)
                    ON CONFLICT(number) DO UPDATE SET centre = excluded.centre, epreuves = excluded.epreuves
                    """, [.text(candidate.number), .text(candidate.centre),
                          .text(candidate.epreuves.joined(separator: ","))])
            }
            for lot in session.lots {
                try db.run("""
                    INSERT INTO lots(id, epreuve, centre, group_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, centre = excluded.centre,
                                                  group_id = excluded.group_id
                    """, [.text(lot.id), .text(lot.epreuve), .text(lot.centre), .text(lot.group)])
                try db.run("DELETE FROM lot_candidates WHERE lot = ?", [.text(lot.id)])
                for number in lot.candidates {
                    try db.run("INSERT OR REPLACE INTO lot_candidates(epreuve, candidate, lot) VALUES (?, ?, ?)",
                               [.text(lot.epreuve), .text(number), .text(lot.id)])
                }
            }
            try db.bumpReferenceVersion()
            try db.audit(actor: "manager", action: "load",
                         detail: "session \(session.session): \(session.candidates.count) candidates, \(session.lots.count) lots")
            return Summary(centres: session.centres.count, epreuves: session.epreuves.count,
                           examiners: session.examiners.count, candidates: session.candidates.count,
                           lots: session.lots.count)
        }
    }
}
