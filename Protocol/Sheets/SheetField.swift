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
