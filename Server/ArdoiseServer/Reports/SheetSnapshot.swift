import ArdoiseProtocol

/// One stored field of a sheet: its value, who wrote it, when, and the open report entries that
/// dispute it (empty when it is not disputed).
public struct SheetValue: Codable, Sendable, Equatable {
    public var field: String
    public var value: String
    public var author: String
    public var node: String
    /// The value's hybrid logical clock as ISO 8601.
    public var at: String
    public var disputedBy: [Int64]
}

/// One competency of the grid of the subject in force, filled or not.
public struct SheetGridLine: Codable, Sendable, Equatable {
    public var competency: String
    public var label: String
    public var maximum: Double
    public var level: String?
    public var points: Double?
    /// The stored level with its author and time; nil when the competency is not filled.
    public var entry: SheetValue?
}

/// An open report entry that disputes a field of the sheet (same-field, attendance-vs-grade).
public struct SheetDispute: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var field: String
}

/// A sheet as the server holds it, laid out as the lab PCs show it (D9: candidate number only).
public struct SheetSnapshot: Codable, Sendable, Equatable {
    public var epreuve: String
    public var epreuveLabel: String
    public var candidate: String
    public var lot: String
    public var lotStatus: LotStatus
    /// The subject in force: the chosen one, or the only one (`SheetRules.subjectCode`).
    public var subject: String?
    public var subjectLabel: String?
    /// The `subject` field as stored (nil when never chosen).
    public var subjectEntry: SheetValue?
    public var attendance: SheetValue?
    public var grid: [SheetGridLine]
    /// Levels entered under another subject (or without one): kept, never counted (D11).
    public var kept: [SheetValue]
    public var comment: SheetValue?
    /// `SheetStatus.label`: "not graded", "partial 2/4", "14.5/20", "AB".
    public var status: String
    /// The total on 20 when graded; nil otherwise, and for AB.
    public var total: Double?
    public var absent: Bool
    /// Graded or absent (D12).
    public var done: Bool
    public var disputes: [SheetDispute]

    public var disputed: Bool { !disputes.isEmpty }

    /// The stored value of `field`, wherever the snapshot shows it.
    public func entry(_ field: String) -> SheetValue? {
        ([subjectEntry, attendance, comment].compactMap { $0 } + grid.compactMap(\.entry) + kept)
            .first { $0.field == field }
    }
}
