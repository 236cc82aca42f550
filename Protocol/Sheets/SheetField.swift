/// The evaluation sheet of one candidate for one épreuve, as a set of named fields merged one by one
/// (ARCHITECTURE "Merge": per-field three-way merge of the competency grid).
///
/// A level belongs to a subject (D11): `level.SUBJECT.COMPETENCY`. A level given under one subject never
/// counts for another and is kept when the subject changes, so no merge can mix two subjects' grids.
/// `level.COMPETENCY` (no subject) is the form of operations recorded before levels named their subject;
/// the merge rules qualify it with the subject in force (`MergeRules.normalised`).
public enum SheetField {
    public static let attendance = "attendance"
    public static let subject = "subject"
    public static let comment = "comment"
    public static let levelPrefix = "level."
    /// A written barème's item: `item.SUBJECT.ITEM`, its points as typed ("3.5").
    public static let itemPrefix = "item."
    /// Set centrally only (D15, D16): the harmonised grade on 20, beside the raw levels, and who changed it
    /// how and why, which the examiner's lab PC shows.
    public static let harmonisedGrade = "harmonised.grade"
    public static let harmonisedReason = "harmonised.reason"

    /// The field of a competency's level under a subject.
    public static func level(subject: String, competency: String) -> String {
        levelPrefix + subject + "." + competency
    }

    public static func item(subject: String, item: String) -> String {
        itemPrefix + subject + "." + item
    }

    /// An item field's subject and item; nil for other fields.
    public static func item(of field: String) -> (subject: String, item: String)? {
        guard field.hasPrefix(itemPrefix) else { return nil }
        let rest = field.dropFirst(itemPrefix.count)
        guard let dot = rest.lastIndex(of: "."), dot != rest.startIndex else { return nil }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }

    /// A level field's subject (nil for the unqualified form) and competency; nil for other fields.
    public static func level(of field: String) -> (subject: String?, competency: String)? {
        guard field.hasPrefix(levelPrefix) else { return nil }
        let rest = field.dropFirst(levelPrefix.count)
        guard let dot = rest.lastIndex(of: ".") else { return (nil, String(rest)) }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }
}

/// Émargement values.
public enum Attendance: String, Sendable {
    case present = "PRESENT"
    case absent = "AB"
}
