import ArdoiseProtocol
import ArdoiseSQLite

extension CentralStore {
    /// Changes for the nodes of `centre` after `cursor`, a page at a time. The next cursor is the last
    /// revision of the page, or, once the centre's changes are exhausted, the newest revision of all, so
    /// that a node never asks again for what other centres wrote.
    public func pull(centre: String, after cursor: Int64, limit: Int) throws -> PullResponse {
        let limit = max(1, min(limit, 2000))
        return try withDatabase { db in
            let rows = try db.rows("""
                SELECT c.rev, c.kind, c.epreuve, c.lot, c.candidate, c.field, c.value, c.author, c.hlc, k.body
                FROM changes c LEFT JOIN conflicts k ON k.id = c.conflict
                WHERE c.centre = ? AND c.rev > ? ORDER BY c.rev LIMIT ?
                """, [.text(centre), .int(cursor), .int(Int64(limit) + 1)])
            let more = rows.count > limit
            var changes: [Change] = []
            for row in rows.prefix(limit) {
                guard let kind = Change.Kind(rawValue: row.string(1)) else { continue }
                let conflict = try row.text(9).map { try JSONCoding.decode(ConflictRecord.self, from: Array($0.utf8)) }
                changes.append(Change(rev: row.integer(0), kind: kind, epreuve: row.string(2), lot: row.text(3),
                                      candidate: row.text(4), field: row.text(5), value: row.text(6), author: row.text(7),
                                      hlc: row.text(8).flatMap { HLC(text: $0) }, conflict: conflict))
            }
            let next = more ? (changes.last?.rev ?? cursor) : max(cursor, try db.currentRevision())
            return PullResponse(changes: changes, cursor: next, more: more, referenceVersion: try db.referenceVersion())
        }
    }

    /// What a node of `centre` needs to work offline (D21): its candidates, lots, groups, examiners and
    /// the épreuves they sit, with subjects and barèmes.
    public func reference(centre code: String) throws -> ReferenceSnapshot {
        try withDatabase { db in
            guard let name = try db.scalarText("SELECT name FROM centres WHERE code = ?", [.text(code)]) else {
                throw ServerError.notFound("unknown centre \(code)")
            }
            let lots = try db.rows("SELECT id, epreuve, group_id FROM lots WHERE centre = ? ORDER BY id", [.text(code)])
                .map { row in
                    Lot(id: row.string(0), epreuve: row.string(1), centre: code, group: row.string(2),
                        candidates: try db.rows("SELECT candidate FROM lot_candidates WHERE lot = ? ORDER BY candidate",
                                                [.text(row.string(0))]).map { $0.string(0) })
                }
            let epreuveCodes = Set(lots.map(\.epreuve))
            let epreuves = try db.rows("SELECT code, body FROM epreuves ORDER BY code")
                .filter { epreuveCodes.contains($0.string(0)) }
                .map { try JSONCoding.decode(Epreuve.self, from: Array($0.string(1).utf8)) }
            let groups = try db.rows("SELECT id, epreuve FROM groups WHERE centre = ? ORDER BY id", [.text(code)])
                .map { row in
                    ExaminerGroup(id: row.string(0), epreuve: row.string(1), centre: code,
                                  examiners: try db.rows("SELECT examiner FROM group_members WHERE group_id = ? ORDER BY examiner",
                                                         [.text(row.string(0))]).map { $0.string(0) })
                }
            let examiners = try db.rows("SELECT id, name FROM examiners WHERE centre = ? ORDER BY id", [.text(code)])
                .map { Examiner(id: $0.string(0), name: $0.string(1), centre: code) }
            let candidates = try db.rows("SELECT number, epreuves FROM candidates WHERE centre = ? ORDER BY number", [.text(code)])
                .map { Candidate(number: $0.string(0), centre: code,
                                 epreuves: $0.string(1).split(separator: ",").map(String.init)) }
            let credentials = try db.rows("""
                SELECT c.examiner, c.salt, c.iterations, c.hash FROM credentials c JOIN examiners e ON e.id = c.examiner
                WHERE e.centre = ? ORDER BY c.examiner
                """, [.text(code)]).map {
                ExaminerCredential(examiner: $0.string(0), salt: $0.string(1), iterations: Int($0.integer(2)), hash: $0.string(3))
            }
            return ReferenceSnapshot(
                version: try db.referenceVersion(), session: try db.meta("session") ?? "",
                centre: Centre(code: code, name: name), epreuves: epreuves, examiners: examiners, groups: groups,
                candidates: candidates, lots: lots, credentials: credentials)
        }
    }
}
