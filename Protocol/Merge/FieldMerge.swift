/// The server's state of one field: its value and who wrote it when.
public struct FieldState: Sendable, Equatable {
    public var value: String
    public var rev: Int64
    public var hlc: HLC
    public var node: String
    public var author: String

    public init(value: String, rev: Int64, hlc: HLC, node: String, author: String) {
        self.value = value
        self.rev = rev
        self.hlc = hlc
        self.node = node
        self.author = author
    }
}

/// A write of one field by an operation.
public struct FieldWrite: Sendable, Equatable {
    public var value: String
    public var base: Int64
    public var hlc: HLC
    public var node: String

    public init(value: String, base: Int64, hlc: HLC, node: String) {
        self.value = value
        self.base = base
        self.hlc = hlc
        self.node = node
    }
}

/// What the merge does with one field (ARCHITECTURE "Merge" table).
public enum FieldDecision: Equatable, Sendable {
    /// Base is current (or the current value is the writer's own earlier write): applied.
    case fastForward
    /// Base is stale but the value is the one the server already has: nothing to do.
    case convergent
    /// Base is stale and the values differ: the provisional winner, by later clock then node id.
    case conflict(incomingWins: Bool)
}

public enum FieldMerge {
    /// A pure function of the server's field state and the write. Tie-break, written down: the later
    /// hybrid clock wins; on equal clocks the greater node id wins (its number compared as a number).
    /// Nothing else decides.
    public static func decide(current: FieldState?, write: FieldWrite) -> FieldDecision {
        guard let current else { return .fastForward }
        // A node has always seen its own last write, even before it pulled it back.
        if current.rev == write.base || current.node == write.node { return .fastForward }
        if current.value == write.value { return .convergent }
        let incomingWins = write.hlc != current.hlc ? write.hlc > current.hlc : isGreater(write.node, than: current.node)
        return .conflict(incomingWins: incomingWins)
    }

    /// Node ids compared as their centre, then their number as a number: `C1-N10` comes after `C1-N9`.
    public static func isGreater(_ a: String, than b: String) -> Bool {
        func parts(_ id: String) -> (String, Int, String) {
            let digits = String(id.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
            return (String(id.dropLast(digits.count)), Int(digits.prefix(18)) ?? -1, id)
        }
        return parts(a) > parts(b)
    }

    /// The name of the rule applied to a conflict on `field` between two values.
    public static func conflictKind(field: String, _ a: String, _ b: String) -> ConflictKind {
        let pair = Set([a, b])
        if field == SheetField.attendance && pair == [Attendance.absent.rawValue, Attendance.present.rawValue] {
            return .attendanceVersusGrade
        }
        return .sameField
    }
}
