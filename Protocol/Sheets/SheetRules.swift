/// The grading rules of a sheet (D11), shared by the node (checks before writing) and the server
/// (checks again on merge).
public enum SheetRules {
    public static func status(of fields: [String: String], in epreuve: Epreuve) -> SheetStatus {
        if fields[SheetField.attendance] == Attendance.absent.rawValue { return .absent }
        guard let code = subjectCode(fields, epreuve), let subject = epreuve.subject(code) else {
            return fields.keys.contains { SheetField.level(of: $0) != nil || SheetField.item(of: $0) != nil }
                ? .partial(filled: 0, of: 0) : .notGraded
        }
        var score = 0.0
        var filled = 0
        for item in subject.bareme.items {
            guard let points = fields[SheetField.item(subject: code, item: item.code)].flatMap(Self.points) else { continue }
            filled += 1
            score += points
        }
        for competency in subject.bareme.competencies {
            // Only the levels entered under the subject in force count (D11).
            guard let raw = fields[SheetField.level(subject: code, competency: competency.code)], let level = Level(rawValue: raw),
                  let points = competency.points(for: level) else { continue }
            filled += 1
            score += points
        }
        let total = subject.bareme.competencies.count + subject.bareme.items.count
        if filled == 0 { return .notGraded }
        return filled == total ? .graded(score: score) : .partial(filled: filled, of: total)
    }

    /// The subject in force: the chosen one, or the only one when there is a single subject.
    public static func subjectCode(_ fields: [String: String], _ epreuve: Epreuve) -> String? {
        if let chosen = fields[SheetField.subject] { return chosen }
        return epreuve.subjects.count == 1 ? epreuve.subjects[0].code : nil
    }

    /// Checks a change of a sheet's fields against the épreuve (D11) and returns the first problem found,
    /// worded for the person who typed it. `current` is the sheet as the writer sees it.
    public static func problem(values: [String: String], current: [String: String], epreuve: Epreuve) -> String? {
        let merged = current.merging(values) { _, new in new }
        // The subject first: a wrong one would otherwise be reported as "choose the subject" by its levels.
        let ordered = values.sorted { ($0.key == SheetField.subject ? "" : $0.key) < ($1.key == SheetField.subject ? "" : $1.key) }
        for (field, value) in ordered {
            switch field {
            case SheetField.attendance:
                if Attendance(rawValue: value) == nil { return "attendance '\(value)' is not PRESENT or AB" }
            case SheetField.subject:
                if epreuve.subject(value) == nil {
                    let known = epreuve.subjects.map(\.code).joined(separator: ", ")
                    return "subject \(value) is not a subject of \(epreuve.code) (subjects: \(known))"
                }
            case SheetField.comment:
                if value.utf8.count > 2000 { return "comment is longer than 2000 bytes" }
            case SheetField.harmonisedGrade, SheetField.harmonisedReason:
                return "\(field) is set centrally, by a coordinator's harmonisation (D15, D16)"
            default:
                if let key = SheetField.item(of: field) {
                    if let problem = itemProblem(key, value: value, epreuve: epreuve) { return problem }
                    continue
                }
                guard let key = SheetField.level(of: field) else { return "unknown field '\(field)'" }
                let code = key.competency
                let known = epreuve.subjects.map(\.code).joined(separator: ", ")
                guard let subjectCode = key.subject ?? subjectCode(merged, epreuve) else {
                    return "choose the subject first: \(epreuve.code) has several (\(known))"
                }
                guard let subject = epreuve.subject(subjectCode) else {
                    return "subject \(subjectCode) is not a subject of \(epreuve.code) (subjects: \(known))"
                }
                guard let competency = subject.bareme.competency(code) else {
                    let known = subject.bareme.competencies.map(\.code).joined(separator: ", ")
                    return "competency \(code) is not in the grid of subject \(subject.code) (competencies: \(known))"
                }
                guard let level = Level(rawValue: value), competency.points(for: level) != nil else {
                    return "level '\(value)' for \(competency.code) is not in the grid (levels A, B, C, D)"
                }
            }
        }
        return nil
    }

    /// Points as typed: "3.5" or "3,5", at most two decimals.
    public static func points(_ text: String) -> Double? {
        let text = text.replacingOccurrences(of: ",", with: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 3, parts.count == 1 || parts[1].count <= 2 else { return nil }
        return Double(text)
    }

    private static func itemProblem(_ key: (subject: String, item: String), value: String, epreuve: Epreuve) -> String? {
        let known = epreuve.subjects.map(\.code).joined(separator: ", ")
        guard let subject = epreuve.subject(key.subject) else {
            return "subject \(key.subject) is not a subject of \(epreuve.code) (subjects: \(known))"
        }
        guard let item = subject.bareme.item(key.item) else {
            let items = subject.bareme.items.map(\.code).joined(separator: ", ")
            return "item \(key.item) is not in the barème of subject \(subject.code) (items: \(items))"
        }
        guard let points = points(value), item.accepts(points) else {
            return "item \(item.code): '\(value)' is not a grade from 0 to \(item.maximum.formatted2) by \(item.step.formatted2)"
        }
        return nil
    }
}
