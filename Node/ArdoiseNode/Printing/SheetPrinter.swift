import ArdoiseProtocol
import ArdoiseSupport

/// The ECE evaluation sheet as printable text (D22): blank boxes where nothing is entered, so the same
/// layout serves a sheet filled by hand and one printed after grading. Candidate numbers only (D9).
public enum SheetPrinter {
    public static func render(epreuve: Epreuve, candidate: String, lot: String, fields: [String: String],
                              conflicts: [ConflictRecord] = []) -> String {
        var out: [String] = []
        out.append("EVALUATION SHEET  \(epreuve.code)  \(epreuve.label)")
        out.append("candidate \(candidate)   lot \(lot)")
        let attendance = fields[SheetField.attendance]
        switch attendance {
        case Attendance.absent.rawValue?: out.append("attendance: AB (absent)")
        case Attendance.present.rawValue?: out.append("attendance: present")
        default: out.append("attendance: [ ] present   [ ] AB")
        }
        let status = SheetRules.status(of: fields, in: epreuve)
        if status != .absent {
            let chosen = SheetRules.subjectCode(fields, epreuve).flatMap { epreuve.subject($0) }
            if let chosen {
                out.append("subject: \(chosen.code)  \(chosen.label)")
                out.append("")
                out.append(contentsOf: grid(chosen, fields: fields))
            } else {
                out.append("subject: " + epreuve.subjects.map { "[ ] \($0.code)" }.joined(separator: "   "))
                // No subject yet: print every grid so the examiner fills the one of the chosen subject.
                for subject in epreuve.subjects {
                    out.append("")
                    out.append("if subject \(subject.code)  \(subject.label):")
                    out.append(contentsOf: grid(subject, fields: fields))
                }
            }
            out.append("")
        }
        switch status {
        case .absent:
            // AB is not 0 (seed 004): no total exists. Levels entered before stay kept, not counted.
            out.append("total: AB (absent: no grade, which is not 0)")
            if fields.keys.contains(where: { SheetField.level(of: $0) != nil }) {
                out.append("(levels entered before the absence are kept; they count again if the candidate is marked present)")
            }
        case .graded(let score):
            out.append("total: \(score.formatted2)/20")
            // D16: the harmonised grade is the one transmitted; the examiner sees who changed it how and why.
            if let harmonised = fields[SheetField.harmonisedGrade] {
                out.append("harmonised: \(Escape.text(harmonised))/20 (transmitted instead of the total above)")
                if let reason = fields[SheetField.harmonisedReason] { out.append("  \(Escape.text(reason))") }
            }
        case .partial(let filled, let of): out.append("total: ____ /20   (\(filled) of \(of) competencies filled)")
        case .notGraded: out.append("total: ____ /20")
        }
        if let comment = fields[SheetField.comment], !comment.isEmpty {
            out.append("comment: \(Escape.text(comment))")
        } else {
            out.append("comment: ________________________________________________")
        }
        out.append(contentsOf: notice(conflicts))
        return out.joined(separator: "\n") + "\n"
    }

    /// One line per competency: the level and points when set, the scale to tick when not.
    static func grid(_ subject: Subject, fields: [String: String]) -> [String] {
        let width = subject.bareme.competencies.map { $0.code.count + 2 + $0.label.count }.max() ?? 0
        return subject.bareme.competencies.map { competency in
            let name = competency.code + "  " + competency.label
            let padded = "  " + name + String(repeating: " ", count: max(0, width - name.count)) + "  "
            if let raw = fields[SheetField.level(subject: subject.code, competency: competency.code)],
               let level = Level(rawValue: raw),
               let points = competency.points(for: level) {
                return padded + "[\(level.rawValue)]  \(points.formatted2)/\(competency.maximum.formatted2)"
            }
            let scale = Level.allCases.map { "\($0.rawValue) \((competency.points(for: $0) ?? 0).formatted2)" }
            return padded + "[ ]  " + scale.joined(separator: " · ")
        }
    }

    static func notice(_ conflicts: [ConflictRecord]) -> [String] {
        guard !conflicts.isEmpty else { return [] }
        let disputed = conflicts.filter { $0.kind.disputes }
        var out = [""]
        out.append(disputed.isEmpty ? "open report entries (the server's values stand):"
                                    : "DISPUTED: this grade is not transmitted until a coordinator resolves:")
        for record in conflicts {
            let server = "'\(Escape.text(record.server.value ?? ""))' by \(Escape.text(record.server.author))"
            let node = "'\(Escape.text(record.node.value ?? ""))' by \(Escape.text(record.node.author)) on node \(record.node.node)"
            out.append("  #\(record.id) \(record.field) (\(record.kind.rawValue)): server \(server), \(node)")
        }
        return out
    }
}
