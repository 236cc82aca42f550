/// Why an operation can never apply (ARCHITECTURE "Merge": lot locked, not authorised, invalid, lock
/// refused). The node refuses the action with the same reason before anything is written; the server
/// keeps the operation in the report with it.
public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: ConflictKind
    public var reason: String
    /// The values the report keeps: those of the operation, or for a locked lot only those that differ.
    public var values: [String: String]

    public init(_ kind: ConflictKind, _ reason: String, values: [String: String]) {
        self.kind = kind
        self.reason = reason
        self.values = values
    }

    public var description: String { reason }
}
