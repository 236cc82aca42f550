import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// The conflict-resolution report coordinators act on, by épreuve, centre and lot, as text, JSON or HTML.
public enum ConflictReport {
    public enum Format: String, Sendable {
        case text, json, html
    }

    struct Document: Encodable {
        var generated: String
        var open: Int
        var resolved: Int
        var conflicts: [Entry]
    }

    /// An entry as JSON: the record's own members, plus `sheet`, its sheet (or lot) now, when known.
    struct Entry: Encodable {
        var record: ConflictRecord
        var sheet: SheetNow?

        private enum Key: String, CodingKey { case sheet }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(sheet, forKey: .sheet)
        }
    }

    /// `now` is what each entry's sheet is now (`SheetViews.now`), shown under the entry in text and JSON.
    public static func render(_ records: [ConflictRecord], as format: Format, now: [SheetNow] = []) throws -> String {
        var sheets: [Int64: SheetNow] = [:]
        for sheet in now { sheets[sheet.entry] = sheet }
        switch format {
        case .json:
            let document = Document(generated: Date().formatted(.iso8601),
                                    open: records.filter { $0.status == .open }.count,
                                    resolved: records.filter { $0.status == .resolved }.count,
                                    conflicts: records.map { Entry(record: $0, sheet: sheets[$0.id]) })
            return String(decoding: try JSONCoding.encode(document, pretty: true), as: UTF8.self) + "\n"
        case .text: return text(records, now: sheets)
        case .html: return html(records)
        }
    }

    /// What the report shows of a person-entered value: `Escape.text` in the text report, so that a
    /// value cannot forge a line; as it is in HTML, where the whole cell goes through `Escape.html`.
    private typealias Shown = (String) -> String

    /// The text report groups entries on the raw heading; `shown` only changes how it is written.
    private static func heading(_ record: ConflictRecord, _ shown: Shown = { $0 }) -> String {
        "\(shown(record.epreuve)) · centre \(shown(record.centre)) · lot \(shown(record.lot))"
    }

    private static func side(_ side: ConflictSide, _ shown: Shown = { $0 }) -> String {
        let when = side.hlc == .zero ? "" : " at \(side.at)"
        return "'\(shown(side.value ?? "(none)"))' by \(shown(side.author)) (\(shown(side.node)))\(when)"
    }

    private static func status(_ record: ConflictRecord, _ shown: Shown = { $0 }) -> String {
        guard let resolution = record.resolution else {
            return record.kind.disputes ? "OPEN, grade disputed" : "OPEN, rejected"
        }
        return "resolved by \(shown(resolution.by)) at \(resolution.at): kept \(shown(resolution.choice)) "
            + "'\(shown(resolution.value ?? "(none)"))'"
    }

    static func text(_ records: [ConflictRecord], now: [Int64: SheetNow] = [:]) -> String {
        let open = records.filter { $0.status == .open }.count
        var lines = ["Conflict-resolution report: \(records.count) entries, \(open) open"]
        var current = ""
        for record in records {
            if heading(record) != current {
                current = heading(record)
                lines.append("")
                lines.append("== \(heading(record, Escape.text))")
            }
            let who = record.candidate.map { "candidate \(Escape.text($0))" } ?? "lot"
            lines.append("#\(record.id) [\(record.kind.rawValue)] \(who), field \(Escape.text(record.field)) — "
                + status(record, Escape.text))
            lines.append("    server: \(side(record.server, Escape.text))")
            lines.append("    node:   \(side(record.node, Escape.text))  [operation \(Escape.text(record.operation))]")
            lines.append("    rule:   \(Escape.text(record.rule))")
            if let sheet = now[record.id] { lines.append("    " + SheetText.now(sheet)) }
        }
        if records.isEmpty { lines.append("No conflict and no rejected operation.") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func html(_ records: [ConflictRecord]) -> String {
        var html = """
            <!doctype html>
            <html lang="fr"><head><meta charset="utf-8"><title>Ardoise: conflict-resolution report</title>
            <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left}
            .open{background:#fde8e8}.resolved{background:#e8f5e8}</style></head><body>
            <h1>Conflict-resolution report</h1>
            <p>\(records.count) entries, \(records.filter { $0.status == .open }.count) open.</p>

            """
        var current = ""
        for record in records {
            if heading(record) != current {
                if !current.isEmpty { html += "</table>\n" }
                current = heading(record)
                html += "<h2>\(Escape.html(current))</h2>\n<table><tr><th>id</th><th>kind</th><th>candidate</th><th>field</th>"
                    + "<th>server value</th><th>node value</th><th>rule</th><th>status</th></tr>\n"
            }
            html += "<tr class=\"\(record.status.rawValue)\"><td>\(record.id)</td><td>\(Escape.html(record.kind.rawValue))</td>"
                + "<td>\(Escape.html(record.candidate ?? "—"))</td><td>\(Escape.html(record.field))</td>"
                + "<td>\(Escape.html(side(record.server)))</td><td>\(Escape.html(side(record.node)))</td>"
                + "<td>\(Escape.html(record.rule))</td><td>\(Escape.html(status(record)))</td></tr>\n"
        }
        if !current.isEmpty { html += "</table>\n" }
        return html + "</body></html>\n"
    }
}
