/// What one sync did.
public struct SyncSummary: Sendable, Equatable {
    public var pushed = 0
    public var applied = 0
    public var conflicts = 0
    public var rejected = 0
    /// Operations the server had already (a retry after a cut): acknowledged again without effect.
    public var duplicates = 0
    public var pulled = 0
    /// Grades a coordinator harmonised (D16), among what was pulled: the examiner is told.
    public var harmonised = 0
    public var cursor: Int64 = 0
    public var referenceUpdated = false
    /// The server was restored from a backup: everything was pulled again, and what it lost resent.
    public var serverRestored = false

    public var text: String {
        var line = "pushed \(pushed) (\(applied) applied, \(conflicts) conflict, \(rejected) rejected"
        line += duplicates > 0 ? ", \(duplicates) already there)" : ")"
        line += ", pulled \(pulled) changes, cursor \(cursor)"
        if referenceUpdated { line += ", reference data updated" }
        if harmonised > 0 {
            line += "; \(harmonised) grade\(harmonised == 1 ? "" : "s") harmonised centrally: see `ardoise sheet` for who, how and why"
        }
        if serverRestored { line += "; the server was restored from a backup: its state pulled again, lost operations sent again" }
        return line
    }
}
