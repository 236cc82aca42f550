import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Lots with their progress (D14): candidates done (graded or absent) and disputed.
public struct LotProgress: Sendable {
    let store: CentralStore

    /// The lots `actor` may follow: every one for the manager; for a person, those of the épreuves they
    /// coordinate and of the centres they act for (seed 002 "suivre la correction").
    public func summaries(for actor: Actor = .manager) throws -> [LotSummary] {
        try store.withDatabase { db in
            var grants: [Grant]?
            if case .person(let person) = actor { grants = try AccessGrants(db: db).of(person) }
            return try Self.summaries(in: db, followedWith: grants)
        }
    }

    /// Every lot with its progress, or with `grants` only those they allow to follow; over a connection
    /// the caller holds (the follow-up reads lots and sheets in one go).
    static func summaries(in db: Database, followedWith grants: [Grant]?) throws -> [LotSummary] {
        let reference = ReferenceTables(db: db)
        let sheets = CentralSheets(db: db)
        let conflicts = ConflictLog(db: db)
        var epreuves: [String: Epreuve] = [:]
        for epreuve in try reference.epreuves() { epreuves[epreuve.code] = epreuve }
        return try db.rows("SELECT id, epreuve, centre, group_id, status FROM lots ORDER BY epreuve, centre, id").compactMap { row in
            let lot = try row.string("id")
            let code = try row.string("epreuve")
            let centre = try row.string("centre")
            if let grants, !grants.contains(where: { $0.allows(.follow, epreuve: code, centre: centre) }) { return nil }
            let candidates = try reference.candidates(ofLot: lot)
            var done = 0
            for candidate in candidates {
                let sheet = try sheets.values(epreuve: code, candidate: candidate)
                if let epreuve = epreuves[code], SheetRules.status(of: sheet, in: epreuve).isDone { done += 1 }
            }
            return LotSummary(id: lot, epreuve: code, centre: centre, group: try row.string("group_id"),
                              status: LotStatus(rawValue: try row.string("status")) ?? .open,
                              candidates: candidates.count, done: done,
                              disputed: try conflicts.disputedCandidates(lot: lot))
        }
    }
}
