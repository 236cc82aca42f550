import ArdoiseProtocol
import ArdoiseSupport

/// The server's sheets and lots as text, in the layout of the node's `ardoise sheet` and `ardoise lot`,
/// with who entered each value and when. Candidate numbers only (D9); every value a person or the
/// session file gave goes through `Escape.text`, so none can forge a line.
public enum SheetText {
    public static func sheet(_ sheet: SheetSnapshot) -> String {
        var out = ["SHEET  \(e(sheet.epreuve))  \(e(sheet.epreuveLabel))",
                   "candidate \(e(sheet.candidate))   lot \(e(sheet.lot)) (\(sheet.lotStatus.rawValue))"]
        switch sheet.attendance?.value {
        case Attendance.absent.rawValue?: out.append("attendance: AB (absent)" + by(sheet.attendance))
        case Attendance.present.rawValue?: out.append("attendance: present" + by(sheet.attendance))
        case let other?: out.append("attendance: \(e(other))" + by(sheet.attendance))
        case nil: out.append("attendance: not recorded")
        }
        if let subject = sheet.subject {
            let label = sheet.subjectLabel.map { "  " + e($0) } ?? ""
            let how = sheet.subjectEntry == nil ? "   (the only subject)" : by(sheet.subjectEntry)
            out.append("subject: \(e(subject))\(label)\(how)")
        } else {
            out.append("subject: not chosen")
        }
        if !sheet.grid.isEmpty {
            out.append("")
            out.append(contentsOf: grid(sheet.grid))
        }
        if !sheet.kept.isEmpty {
            out.append("")
            out.append("kept, not counted (levels entered under another subject):")
            for value in sheet.kept { out.append("  \(e(value.field)) = \(e(value.value))" + by(value)) }
        }
        out.append("")
        out.append(sheet.absent ? "total: AB" : sheet.total.map { "total: \($0.formatted2)/20" } ?? "total: \(sheet.status)")
        out.append(sheet.comment.map { "comment: \(e($0.value))" + by($0) } ?? "comment: none")
        if sheet.disputed {
            out.append("")
            out.append("DISPUTED: this grade is not transmitted until a coordinator resolves:")
            for dispute in sheet.disputes {
                out.append("  #\(dispute.id) \(e(dispute.field)) (\(e(dispute.kind)))")
            }
        }
        return out.joined(separator: "\n")
    }

    public static func lot(_ lot: LotSnapshot) -> String {
        var out = ["lot \(e(lot.id))  épreuve \(e(lot.epreuve))  centre \(e(lot.centre))  group \(e(lot.group))  "
                   + lot.status.rawValue]
        let width = max(9, lot.lines.map { e($0.candidate).count }.max() ?? 0)
        for line in lot.lines {
            out.append(pad(e(line.candidate), width) + "  " + pad(e(line.subject ?? "-"), 8) + "  " + line.status
                + (line.disputed ? "  DISPUTED" : ""))
        }
        out.append("done \(lot.done)/\(lot.lines.count)")
        return out.joined(separator: "\n")
    }

    /// The line under a report entry: its sheet (or lot) now.
    public static func now(_ now: SheetNow) -> String {
        if let status = now.lotStatus { return "lot now:    \(status.rawValue)" }
        var text = "sheet now:  subject \(e(now.subject ?? "not chosen")), "
            + (now.total.map { "total \($0.formatted2)/20" } ?? now.status)
        if let value = now.value {
            let name = SheetField.level(of: value.field)?.competency ?? value.field
            text += " (\(e(name)) = \(e(value.value)) by \(e(value.author)) at \(value.at))"
        } else {
            text += " (field not set)"
        }
        return text
    }

    private static func grid(_ grid: [SheetGridLine]) -> [String] {
        let names = grid.map { e($0.competency) + "  " + e($0.label) }
        let width = names.map(\.count).max() ?? 0
        return zip(grid, names).map { line, name in
            let padded = "  " + pad(name, width) + "  "
            guard let entry = line.entry else { return padded + "[ ]  not filled" }
            let points = line.points.map { "\($0.formatted2)/\(line.maximum.formatted2)" } ?? "not in the grid"
            return padded + "[\(e(line.level ?? entry.value))]  \(points)" + by(entry)
        }
    }

    /// "   (E1 at 2026-…, node N)  DISPUTED #3" for a stored value.
    private static func by(_ value: SheetValue?) -> String {
        guard let value else { return "" }
        let disputed = value.disputedBy.isEmpty ? "" : "  DISPUTED " + value.disputedBy.map { "#\($0)" }.joined(separator: " ")
        return "   (\(e(value.author)) at \(value.at), node \(e(value.node)))" + disputed
    }

    private static func e(_ text: String) -> String { Escape.text(text) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
