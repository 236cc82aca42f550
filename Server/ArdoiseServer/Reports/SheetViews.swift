import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// The server's sheets and lots laid out as the lab PCs show them, so that a coordinator sees the
/// sheet before settling a conflict (issue 7). Read only.
public struct SheetViews: Sendable {
    let store: CentralStore

    /// The sheet of `candidate` for `epreuve`; 404 when the candidate is in no lot of that épreuve.
    public func sheet(epreuve: String, candidate: String) throws -> SheetSnapshot {
        try store.withDatabase { db in try Reader(db: db).sheet(epreuve: epreuve, candidate: candidate) }
    }

    /// A lot with one line per candidate in roll-call order; 404 for an unknown lot.
    public func lot(_ id: String) throws -> LotSnapshot {
        try store.withDatabase { db in
            let reader = try Reader(db: db)
            guard let lot = try CentralSheets(db: db).lot(id) else { throw ServerError.notFound("unknown lot \(id)") }
            let lines = try reader.reference.candidates(ofLot: id).map { candidate in
                let sheet = try reader.sheet(epreuve: lot.epreuve, candidate: candidate, lot: lot)
                return LotSnapshotLine(candidate: candidate, subject: sheet.subject, status: sheet.status,
                                       done: sheet.done, disputed: sheet.disputed)
            }
            return LotSnapshot(id: lot.id, epreuve: lot.epreuve, centre: lot.centre, group: lot.group,
                               status: lot.status, lines: lines)
        }
    }

    /// What each entry's sheet (or lot) is now, for the conflict-resolution report.
    public func now(for records: [ConflictRecord]) throws -> [SheetNow] {
        try store.withDatabase { db in
            let reader = try Reader(db: db)
            var sheets: [String: SheetSnapshot] = [:]
            return try records.compactMap { record in
                guard let candidate = record.candidate else {
                    return try CentralSheets(db: db).lot(record.lot).map {
                        SheetNow(entry: record.id, subject: nil, status: $0.status.rawValue, total: nil, value: nil,
                                 lotStatus: $0.status)
                    }
                }
                let key = record.epreuve + "\u{0}" + candidate
                let sheet: SheetSnapshot
                if let known = sheets[key] {
                    sheet = known
                } else {
                    // An entry whose candidate left every lot has no sheet to show: no line, not a failure.
                    guard let lotID = try reader.reference.lotHolding(epreuve: record.epreuve, candidate: candidate),
                          let lot = try CentralSheets(db: db).lot(lotID) else { return nil }
                    sheet = try reader.sheet(epreuve: record.epreuve, candidate: candidate, lot: lot)
                    sheets[key] = sheet
                }
                return SheetNow(entry: record.id, subject: sheet.subject, status: sheet.status, total: sheet.total,
                                value: sheet.entry(record.field), lotStatus: nil)
            }
        }
    }

    /// The reads of one view, over one connection.
    struct Reader {
        let db: Database
        let reference: ReferenceTables

        init(db: Database) throws {
            self.db = db
            reference = ReferenceTables(db: db)
        }

        func sheet(epreuve code: String, candidate: String) throws -> SheetSnapshot {
            guard let lotID = try reference.lotHolding(epreuve: code, candidate: candidate),
                  let lot = try CentralSheets(db: db).lot(lotID) else {
                throw ServerError.notFound("candidate \(candidate) is in no lot of épreuve \(code)")
            }
            return try sheet(epreuve: code, candidate: candidate, lot: lot)
        }

        func sheet(epreuve code: String, candidate: String, lot: LotState) throws -> SheetSnapshot {
            guard let epreuve = try reference.epreuve(code) else { throw ServerError.notFound("unknown épreuve \(code)") }
            let states = try CentralSheets(db: db).fieldStates(epreuve: code, candidate: candidate)
            let disputes = try openDisputes(epreuve: code, candidate: candidate)
            func entry(_ field: String) -> SheetValue? {
                states[field].map {
                    SheetValue(field: field, value: $0.value, author: $0.author, node: $0.node, at: $0.hlc.iso8601,
                               disputedBy: disputes.filter { $0.field == field }.map(\.id))
                }
            }
            let values = states.mapValues(\.value)
            let status = SheetRules.status(of: values, in: epreuve)
            let code = SheetRules.subjectCode(values, epreuve)
            let subject = code.flatMap { epreuve.subject($0) }
            var counted = Set<String>()
            let grid = (subject?.bareme.competencies ?? []).map { competency in
                let field = SheetField.level(subject: subject?.code ?? "", competency: competency.code)
                counted.insert(field)
                let level = states[field].flatMap { Level(rawValue: $0.value) }
                return SheetGridLine(competency: competency.code, label: competency.label, maximum: competency.maximum,
                                     level: level?.rawValue, points: level.flatMap { competency.points(for: $0) },
                                     entry: entry(field))
            }
            // Every other level is shown apart, so nothing entered is hidden (D11: kept, not counted).
            let kept = states.keys.filter { SheetField.level(of: $0) != nil && !counted.contains($0) }.sorted()
                .compactMap { entry($0) }
            var total: Double?
            if case .graded(let score) = status { total = score }
            return SheetSnapshot(
                epreuve: epreuve.code, epreuveLabel: epreuve.label, candidate: candidate, lot: lot.id,
                lotStatus: lot.status, subject: subject?.code ?? code, subjectLabel: subject?.label,
                subjectEntry: entry(SheetField.subject), attendance: entry(SheetField.attendance), grid: grid,
                kept: kept, comment: entry(SheetField.comment), status: status.label, total: total,
                absent: status == .absent, done: status.isDone, disputes: disputes)
        }

        /// Open entries that dispute a field of the sheet, by id.
        func openDisputes(epreuve: String, candidate: String) throws -> [SheetDispute] {
            try db.rows("""
                SELECT id, kind, field FROM conflicts
                WHERE epreuve = ? AND candidate = ? AND status = 'open' AND kind IN (\(ConflictLog.disputing)) ORDER BY id
                """, [.text(epreuve), .text(candidate)]).map {
                SheetDispute(id: try $0.int64("id"), kind: try $0.string("kind"), field: try $0.string("field"))
            }
        }
    }
}
