/// Kinds of entries in the conflict-resolution report: true conflicts (the grade is disputed until a
/// coordinator resolves it) and operations rejected on merge (kept with their reason, never dropped).
public enum ConflictKind: String, Codable, Sendable, CaseIterable {
    case sameField = "same-field"
    case attendanceVersusGrade = "attendance-vs-grade"
    case lotLocked = "lot-locked"
    case notAuthorised = "not-authorised"
    case invalid = "invalid"
    case lockRefused = "lock-refused"
    /// Made on a candidate's former lot by an examiner who is not in the group of the candidate's new
    /// lot: kept whole, as one entry a coordinator can apply with one resolution (D13).
    case movedCandidate = "moved-candidate"

    /// True conflicts make the grade disputed; rejections leave the server's value in force.
    public var disputes: Bool { self == .sameField || self == .attendanceVersusGrade }
}

public enum ConflictStatus: String, Codable, Sendable {
    case open, resolved
}

/// One side of a conflict: a value with its author, time and the operation that carried it.
public struct ConflictSide: Codable, Sendable, Equatable {
    public var value: String?
    public var author: String
    public var node: String
    public var hlc: HLC
    /// The time as ISO 8601; empty when unknown (a central value with no clock).
    public var at: String
    /// `node#seq`, when the value came with an operation.
    public var operation: String?

    public init(value: String?, author: String, node: String, hlc: HLC, operation: String? = nil) {
        self.value = value
        self.author = author
        self.node = node
        self.hlc = hlc
        self.at = hlc == .zero ? "" : hlc.iso8601
        self.operation = operation
    }
}

public struct Resolution: Codable, Sendable, Equatable {
    /// `server`, `node` or `value`.
    public var choice: String
    public var value: String?
    public var by: String
    public var at: String

    public init(choice: String, value: String?, by: String, at: String) {
        self.choice = choice
        self.value = value
        self.by = by
        self.at = at
    }
}

/// A row of the conflict-resolution report.
public struct ConflictRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: ConflictKind
    public var epreuve: String
    public var centre: String
    public var lot: String
    public var candidate: String?
    public var field: String
    public var server: ConflictSide
    public var node: ConflictSide
    public var rule: String
    /// The provisional winner of a true conflict: `server` or `node`, or `other` when a later competing
    /// value is in force.
    public var winner: String?
    public var status: ConflictStatus
    public var resolution: Resolution?
    public var operation: String
    /// A disputed field has one open entry: every competing value, in the order they arrived (the
    /// server's first). Nil on entries written before issue 7 and on rejections.
    public var competing: [ConflictSide]?
    /// The field's revision once the entry was last updated: a resolution must start from it.
    public var fieldRev: Int64?
    /// A whole operation kept as one entry (`moved-candidate`): every value it sets.
    public var values: [String: String]?

    public init(id: Int64, kind: ConflictKind, epreuve: String, centre: String, lot: String, candidate: String?,
                field: String, server: ConflictSide, node: ConflictSide, rule: String, winner: String?,
                status: ConflictStatus, resolution: Resolution?, operation: String, competing: [ConflictSide]? = nil,
                fieldRev: Int64? = nil, values: [String: String]? = nil) {
        self.id = id
        self.kind = kind
        self.epreuve = epreuve
        self.centre = centre
        self.lot = lot
        self.candidate = candidate
        self.field = field
        self.server = server
        self.node = node
        self.rule = rule
        self.winner = winner
        self.status = status
        self.resolution = resolution
        self.operation = operation
        self.competing = competing
        self.fieldRev = fieldRev
        self.values = values
    }
}
