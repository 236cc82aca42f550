import ArdoiseProtocol
import ArdoiseSQLite

/// What a mass harmonisation transforms (D16).
public enum MassTarget: Sendable, Equatable {
    case lot(String)
    /// Part of a lot: copies by their place in its roll call.
    case copies(lot: String, [Int])
    /// Every copy the corrector graded in the épreuve's locked lots.
    case corrector(epreuve: String, staff: String)
}

/// A lot as a coordinator harmonises it: copies by place, no candidate number (D15).
public struct HarmonisationView: Codable, Sendable, Equatable {
    public var lot: String
    public var epreuve: String
    public var centre: String
    public var status: LotStatus
    public var settings: EpreuveSettings
    public var copies: [HarmonisationCopy]
}

public struct HarmonisationCopy: Codable, Sendable, Equatable {
    public var copy: Int
    /// "14.5/20", "AB", "partial 2/4".
    public var status: String
    public var raw: GradePoints?
    public var harmonised: GradePoints?
}

public struct HarmonisationResult: Codable, Sendable, Equatable {
    public var batch: Int64
    public var changed: Int
    public var graded: Int
    public var message: String
}

/// One harmonised grade, as kept: raw, before and after, who, when and why (D16).
public struct HarmonisationEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var batch: Int64
    public var kind: String
    public var epreuve: String
    public var lot: String
    public var raw: GradePoints
    public var before: GradePoints
    public var after: GradePoints
    public var rule: String
    public var by: String
    public var at: String
    public var why: String

    init(row: Row) throws {
        id = try row.int64("id")
        batch = try row.int64("batch")
        kind = try row.string("kind")
        epreuve = try row.string("epreuve")
        lot = try row.string("lot")
        raw = GradePoints(hundredths: try row.int("raw"))
        before = GradePoints(hundredths: try row.int("before"))
        after = GradePoints(hundredths: try row.int("after"))
        rule = try row.string("rule")
        by = try row.string("by")
        at = try row.string("at")
        why = try row.string("why")
    }
}
