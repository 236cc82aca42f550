/// The evaluation sheet of one candidate for one épreuve, as a set of named fields merged one by one
/// (ARCHITECTURE "Merge": per-field three-way merge of the competency grid).
public enum SheetField {
    public static let attendance = "attendance"
    public static let subject = "subject"
    public static let comment = "comment"
    public static let levelPrefix = "level."

    public static func level(_ competency: String) -> String { levelPrefix + competency }

    public static func competency(of field: String) -> String? {
        field.hasPrefix(levelPrefix) ? String(field.dropFirst(levelPrefix.count)) : nil
    }
}

/// Émargement values.
public enum Attendance: String, Sendable {
    case present = "PRESENT"
    case absent = "AB"
}

/// Where a sheet stands, from its field values.
public enum SheetStatus: Equatable, Sendable {
    case notGraded
    case partial(filled: Int, of: Int)
    case graded(score: Double)
    case absent

    /// Lockable (D12): graded or absent.
    public var isDone: Bool {
        switch self {
        case .graded, .absent: return true
        case .notGraded, .partial: return false
        }
    }

    public var label: String {
        switch self {
        case .notGraded: return "not graded"
        case .partial(let filled, let total): return "partial \(filled)/\(total)"
        case .graded(let score): return "\(score.formatted2)/20"
        case .absent: return "AB"
        }
    }
}

/// The grading rules of a sheet (D11), shared by the node (checks before writing) and the server
/// (checks again on merge).
public enum SheetRules {
    public static func status(of fields: [String: String], in epreuve: Epreuve) -> SheetStatus {
        if fields[SheetField.attendance] == Attendance.absent.rawValue { return .absent }
        guard let code = subjectCode(fields, epreuve), let subject = epreuve.subject(code) else {
            return fields.keys.contains { SheetField.competency(of: $0) != nil } ? .partial(filled: 0, of: 0) : .notGraded
        }
        var score = 0.0
        var filled = 0
        for competency in subject.bareme.competencies {
            guard let raw = fields[SheetField.level(competency.code)], let level = Level(rawValue: raw),
                  let points = competency.points(for: level) else { continue }
            filled += 1
            score += points
        }
        let total = subject.bareme.competencies.count
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
        for (field, value) in values.sorted(by: { $0.key < $1.key }) {
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
            default:
                guard let code = SheetField.competency(of: field) else { return "unknown field '\(field)'" }
                guard let subjectCode = subjectCode(merged, epreuve), let subject = epreuve.subject(subjectCode) else {
                    let known = epreuve.subjects.map(\.code).joined(separator: ", ")
                    return "choose the subject first: \(epreuve.code) has several (\(known))"
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
}
