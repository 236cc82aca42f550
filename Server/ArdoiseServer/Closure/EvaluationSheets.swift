import ArdoiseDocuments
import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import Foundation

/// The filled evaluation sheets of an épreuve closed at a centre (D20): one PDF per candidate with the
/// competencies' descriptors, the levels and points, the total or AB, a harmonised grade with its reason,
/// the examiners who entered it and the day, zipped by lot. Candidate numbers only (D9).
public struct EvaluationSheets: Sendable {
    let store: CentralStore

    /// The zip of every sheet, and how many; refused before the épreuve is closed there.
    public func export(epreuve code: String, centre: String, by actor: Actor) throws -> (bytes: [UInt8], count: Int) {
        try store.withDatabase { db in
            let written = try db.scalarText("SELECT kind FROM epreuves WHERE code = ?", [.text(code)]) != EpreuveKind.ece.rawValue
            if written {
                try AccessGrants(db: db).require(.distributeWritten, by: actor, epreuve: code)
            } else {
                try AccessGrants(db: db).require(.follow, by: actor, epreuve: code, centre: centre)
            }
            guard try Closure.current(epreuve: code, centre: centre, db) != nil else {
                throw ServerError.conflict("épreuve \(code) is not closed at \(centre): its sheets are exported once it is (D20)")
            }
            let reference = ReferenceTables(db: db)
            guard let epreuve = try reference.epreuve(code), let place = try reference.centre(centre) else {
                throw ServerError.notFound("unknown épreuve \(code) or centre \(centre)")
            }
            let meta = Meta(db: db)
            var archive = ZipArchive(modified: Date())
            var count = 0
            for lot in try reference.lots(centre: centre) where lot.epreuve == code {
                for candidate in lot.candidates {
                    let sheet = try self.sheet(epreuve: epreuve, candidate: candidate, lot: lot.id, centre: "\(place.code) \(place.name)",
                                               academie: try meta.value("academie") ?? "", session: try meta.value("session") ?? "", db)
                    try archive.add(name: "\(code)-\(centre)/\(lot.id)/\(candidate).pdf", bytes: try sheet.pdf())
                    count += 1
                }
            }
            return (archive.bytes(), count)
        }
    }

    func sheet(epreuve: Epreuve, candidate: String, lot: String, centre: String, academie: String, session: String,
               _ db: Database) throws -> EvaluationSheet {
        let fields = try CentralSheets(db: db).fieldStates(epreuve: epreuve.code, candidate: candidate)
        let values = fields.mapValues(\.value)
        let status = SheetRules.status(of: values, in: epreuve)
        let subject = status == .absent ? nil : SheetRules.subjectCode(values, epreuve).flatMap { epreuve.subject($0) }
        let code = subject?.code ?? ""
        let rows = (subject?.bareme.competencies.map { competency -> EvaluationSheet.Row in
            let level = values[SheetField.level(subject: code, competency: competency.code)].flatMap(Level.init(rawValue:))
            return EvaluationSheet.Row(code: competency.code, label: competency.label, level: level?.rawValue,
                                       points: level.flatMap { competency.points(for: $0) }?.formatted2 ?? "–",
                                       maximum: competency.maximum.formatted2)
        } ?? []) + (subject?.bareme.items.map { item in
            // A written barème's item: points, no level.
            EvaluationSheet.Row(code: item.code, label: item.label, level: nil,
                                points: values[SheetField.item(subject: code, item: item.code)].flatMap(SheetRules.points)?.formatted2 ?? "–",
                                maximum: item.maximum.formatted2)
        } ?? [])
        let entries = fields.filter { SheetField.level(of: $0.key) != nil || SheetField.item(of: $0.key) != nil || $0.key == SheetField.attendance }.values
        var examiners: [String] = []
        for author in Set(entries.map(\.author)).sorted() {
            examiners.append(try db.scalarText("SELECT name FROM examiners WHERE id = ?", [.text(author)]) ?? author)
        }
        let last = entries.map(\.hlc).max().map { Date(timeIntervalSince1970: Double($0.wall) / 1000) }
        return EvaluationSheet(
            academie: academie, session: session, epreuve: "\(epreuve.code)  \(epreuve.label)", centre: centre, candidate: candidate,
            lot: lot, subject: subject.map { "\($0.code)  \($0.label)" }, rows: rows,
            total: status == .absent ? "AB (absent)" : status.label,
            // The arrow is outside the PDF's standard fonts' encoding.
            harmonised: values[SheetField.harmonisedGrade].map {
                "\($0)/20 — " + (values[SheetField.harmonisedReason] ?? "").replacingOccurrences(of: "→", with: "->")
            },
            comment: values[SheetField.comment], examiners: examiners,
            date: last.map { $0.formatted(Date.VerbatimFormatStyle(format: "\(day: .twoDigits)/\(month: .twoDigits)/\(year: .defaultDigits)",
                                                                    timeZone: .gmt, calendar: Calendar(identifier: .gregorian))) } ?? "–")
    }
}
