import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Lots with their progress (D14): candidates done (graded or absent) and disputed.
public struct LotProgress: Sendable {
    let store: CentralStore

    public func summaries() throws -> [LotSummary] {
        try store.withDatabase { db in
            let reference = ReferenceTables(db: db)
            let sheets = CentralSheets(db: db)
            let conflicts = ConflictLog(db: db)
            var epreuves: [String: Epreuve] = [:]
            for epreuve in try reference.epreuves() { epreuves[epreuve.code] = epreuve }
            return try db.rows("SELECT id, epreuve, centre, group_id, status FROM lots ORDER BY epreuve, centre, id").map { row in
                let lot = try row.string("id")
                let code = try row.string("epreuve")
                let candidates = try reference.candidates(ofLot: lot)
                var done = 0
                for candidate in candidates {
                    let sheet = try sheets.values(epreuve: code, candidate: candidate)
                    if let epreuve = epreuves[code], SheetRules.status(of: sheet, in: epreuve).isDone { done += 1 }
                }
                return LotSummary(id: lot, epreuve: code, centre: try row.string("centre"), group: try row.string("group_id"),
                                  status: LotStatus(rawValue: try row.string("status")) ?? .open,
                                  candidates: candidates.count, done: done,
                                  disputed: try conflicts.disputedCandidates(lot: lot))
            }
        }
    }
}
