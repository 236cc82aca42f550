/// One result row, read by column index.
public struct Row: Sendable {
    public let values: [SQLValue]

    public func text(_ index: Int) -> String? {
        guard index < values.count else { return nil }
        switch values[index] {
        case .text(let v): return v
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        default: return nil
        }
    }

    public func int(_ index: Int) -> Int64? {
        guard index < values.count else { return nil }
        switch values[index] {
        case .int(let v): return v
        case .double(let v): return Int64(v)
        case .text(let v): return Int64(v)
        default: return nil
        }
    }

    public func string(_ index: Int) -> String { text(index) ?? "" }
    public func integer(_ index: Int) -> Int64 { int(index) ?? 0 }
}
