/// What the merge does with one operation: its result for the node, the fields to write, whether the lot
/// becomes locked, and the report entries to keep (numbered by the store).
public struct MergeOutcome: Sendable {
    public var outcome: OperationOutcome
    public var detail: String?
    /// Field values to set on the operation's sheet, by field name order.
    public var writes: [(field: String, value: String)]
    public var locksLot: Bool
    public var entries: [ConflictRecord]

    public init(outcome: OperationOutcome, detail: String? = nil, writes: [(field: String, value: String)] = [],
                locksLot: Bool = false, entries: [ConflictRecord] = []) {
        self.outcome = outcome
        self.detail = detail
        self.writes = writes
        self.locksLot = locksLot
        self.entries = entries
    }
}

/// The whole merge decision (ARCHITECTURE "Merge"), one pure function of the operation, the state it
/// touches and the time: no SQL, no clock. The server's merge reads the state, calls it, and writes what
/// it returns; every row of the Merge table is decided here or in `MergeRules` and `FieldMerge`.
public enum MergeDecision {
    public static func decide(_ entered: SyncOperation, state: MergeState, now: Int64) -> MergeOutcome {
        let operation = MergeRules.normalised(entered, sheet: state.sheet.mapValues(\.value), epreuve: state.epreuve)
        switch MergeRules.check(operation, in: state, now: now) {
        case .inForce:
            let detail = operation.kind == .lock ? "lot was already locked" : "lot locked; values already in force"
            return MergeOutcome(outcome: .applied, detail: detail)
        case .reject(var rejection):
            // The report keeps what the person entered, not the presence a grade implies.
            if entered.values[SheetField.attendance] == nil, rejection.values.count > 1 {
                rejection.values[SheetField.attendance] = nil
            }
            return MergeOutcome(outcome: .rejected, detail: "\(rejection.kind.rawValue): \(rejection.reason)",
                                entries: ReportEntries.rejection(operation, rejection, state: state))
        case .accept:
            if operation.kind == .lock { return MergeOutcome(outcome: .applied, locksLot: true) }
            return mergeFields(operation, state: state)
        }
    }

    /// Each field on its own (three-way merge of the grid), by `FieldMerge`.
    static func mergeFields(_ operation: SyncOperation, state: MergeState) -> MergeOutcome {
        var merged = MergeOutcome(outcome: .applied)
        for (field, value) in operation.values.sorted(by: { $0.key < $1.key }) {
            let write = FieldWrite(value: value, base: operation.base[field] ?? 0, hlc: operation.hlc, node: operation.node)
            let current = state.sheet[field]
            switch FieldMerge.decide(current: current, write: write) {
            case .fastForward:
                if current?.value != value { merged.writes.append((field, value)) }
            case .convergent:
                continue
            case .conflict(let incomingWins):
                guard let current else { continue }
                if incomingWins { merged.writes.append((field, value)) }
                merged.entries.append(ReportEntries.conflict(operation, field: field, current: current,
                                                             incomingWins: incomingWins, centre: state.lot?.centre ?? state.centre,
                                                             open: state.openDisputes[field]))
            }
        }
        if !merged.entries.isEmpty {
            merged.outcome = .conflict
            merged.detail = "\(merged.entries.count) field(s) in conflict"
        }
        return merged
    }
}
