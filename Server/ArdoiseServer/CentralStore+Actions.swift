import ArdoiseProtocol
import ArdoiseSQLite
import Foundation

/// Central actions of coordinators (D13): each recorded with who, when and why, and pulled by nodes.
extension CentralStore {
    public func unlock(lot id: String, by coordinator: String, why: String) throws -> String {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("an unlock needs a reason (--why)") }
        return try write { db in
            try requireCoordinator(coordinator, db)
            guard let row = try db.row("SELECT epreuve, centre, status FROM lots WHERE id = ?", [.text(id)]) else {
                throw ServerError.notFound("unknown lot \(id)")
            }
            guard row.string(2) == LotStatus.locked.rawValue else { throw ServerError.conflict("lot \(id) is not locked") }
            try db.setLotStatus(id, .open, epreuve: row.string(0), centre: row.string(1), by: coordinator, hlc: tick())
            try db.audit(actor: coordinator, action: "unlock", detail: "lot \(id): \(why)")
            return "lot \(id) unlocked by \(coordinator)"
        }
    }

    /// Settles a report entry: keep the server's value, the node's, or a value the coordinator gives.
    /// The chosen value becomes the field's (a central change nodes pull); the entry keeps both sides.
    public func resolve(conflict id: Int64, keep: String, by coordinator: String) throws -> String {
        try write { db in
            try requireCoordinator(coordinator, db)
            guard let body = try db.scalarText("SELECT body FROM conflicts WHERE id = ?", [.int(id)]) else {
                throw ServerError.notFound("unknown conflict \(id)")
            }
            var record = try JSONCoding.decode(ConflictRecord.self, from: Array(body.utf8))
            if let done = record.resolution {
                throw ServerError.conflict("conflict \(id) was already resolved by \(done.by) at \(done.at)")
            }
            let choice: String
            let value: String?
            switch keep {
            case "server": (choice, value) = ("server", record.server.value)
            case "node": (choice, value) = ("node", record.node.value)
            default: (choice, value) = ("value", keep)
            }
            if choice != "server" && record.kind == .invalid {
                throw ServerError.badRequest("conflict \(id) is an invalid operation: only --keep server applies")
            }
            let hlc = tick()
            if record.candidate == nil {
                try settleLot(record, value: value, by: coordinator, hlc: hlc, db)
            } else {
                try settleField(record, value: value, by: coordinator, hlc: hlc, db)
            }
            record.status = .resolved
            record.resolution = Resolution(choice: choice, value: value, by: coordinator, at: hlc.iso8601)
            try ConflictWriter(db: db).store(record)
            try db.audit(actor: coordinator, action: "resolve",
                         detail: "conflict \(id) (\(record.kind.rawValue), \(record.field)): kept \(choice) '\(value ?? "no value")'")
            return "conflict \(id) resolved by \(coordinator): \(record.field) = \(value ?? "(no value)")"
        }
    }

    private func settleField(_ record: ConflictRecord, value: String?, by coordinator: String, hlc: HLC, _ db: Database) throws {
        guard let candidate = record.candidate else { return }
        let sheet = try db.sheetValues(epreuve: record.epreuve, candidate: candidate)
        if let value {
            guard let epreuve = try db.epreuve(record.epreuve) else {
                throw ServerError.notFound("unknown épreuve \(record.epreuve)")
            }
            if let problem = SheetRules.problem(values: [record.field: value], current: sheet, epreuve: epreuve) {
                throw ServerError.badRequest("cannot keep '\(value)': \(problem)")
            }
        }
        guard sheet[record.field] != value else { return }
        try db.setField(record.field, value, epreuve: record.epreuve, candidate: candidate, lot: record.lot,
                        centre: record.centre, node: "central", author: coordinator, hlc: hlc)
    }

    /// A refused lock kept by the coordinator locks the lot centrally.
    private func settleLot(_ record: ConflictRecord, value: String?, by coordinator: String, hlc: HLC, _ db: Database) throws {
        guard let value, let status = LotStatus(rawValue: value) else {
            throw ServerError.badRequest("a lot status is 'open' or 'locked'")
        }
        guard try db.scalarText("SELECT status FROM lots WHERE id = ?", [.text(record.lot)]) != status.rawValue else { return }
        try db.setLotStatus(record.lot, status, epreuve: record.epreuve, centre: record.centre, by: coordinator, hlc: hlc)
    }

    private func requireCoordinator(_ id: String, _ db: Database) throws {
        guard try db.scalarText("SELECT id FROM coordinators WHERE id = ?", [.text(id)]) != nil else {
            throw ServerError.forbidden("\(id) is not a coordinator of this session")
        }
    }

    /// Every report entry, ordered by épreuve, centre, lot, then id.
    public func conflicts() throws -> [ConflictRecord] {
        try withDatabase { db in
            try db.rows("SELECT body FROM conflicts ORDER BY epreuve, centre, lot, id")
                .map { try JSONCoding.decode(ConflictRecord.self, from: Array($0.string(0).utf8)) }
        }
    }

    /// Lots with their progress: candidates done (graded or absent) and disputed.
    public func lotSummaries() throws -> [LotSummary] {
        let epreuves = try withDatabase { db in
            try db.rows("SELECT code, body FROM epreuves").reduce(into: [String: Epreuve]()) {
                $0[$1.string(0)] = try JSONCoding.decode(Epreuve.self, from: Array($1.string(1).utf8))
            }
        }
        return try withDatabase { db in
            try db.rows("SELECT id, epreuve, centre, group_id, status FROM lots ORDER BY epreuve, centre, id").map { row in
                let lot = row.string(0)
                let candidates = try db.rows("SELECT candidate FROM lot_candidates WHERE lot = ?", [.text(lot)]).map { $0.string(0) }
                var done = 0
                for candidate in candidates {
                    let sheet = try db.sheetValues(epreuve: row.string(1), candidate: candidate)
                    if let epreuve = epreuves[row.string(1)], SheetRules.status(of: sheet, in: epreuve).isDone { done += 1 }
                }
                let disputing = ConflictKind.allCases.filter(\.disputes).map { "'\($0.rawValue)'" }.joined(separator: ", ")
                let disputed = try db.scalarInt("""
                    SELECT count(DISTINCT candidate) FROM conflicts
                    WHERE lot = ? AND status = 'open' AND kind IN (\(disputing))
                    """, [.text(lot)]) ?? 0
                return LotSummary(id: lot, epreuve: row.string(1), centre: row.string(2), group: row.string(3),
                                  status: LotStatus(rawValue: row.string(4)) ?? .open, candidates: candidates.count,
                                  done: done, disputed: Int(disputed))
            }
        }
    }
}
