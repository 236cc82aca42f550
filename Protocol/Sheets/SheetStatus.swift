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
