import ArdoiseProtocol

/// One candidate of a lot as the server holds it.
public struct LotSnapshotLine: Codable, Sendable, Equatable {
    public var candidate: String
    public var subject: String?
    /// `SheetStatus.label`.
    public var status: String
    public var done: Bool
    public var disputed: Bool
}

/// A lot with its candidates in roll-call order, as the lab PCs show it (D9: candidate numbers only).
public struct LotSnapshot: Codable, Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var group: String
    public var status: LotStatus
    public var lines: [LotSnapshotLine]

    public var done: Int { lines.filter(\.done).count }
}
