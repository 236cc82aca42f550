/// The rules that decide whether an operation can apply at all (ARCHITECTURE "Merge": clock skew, lot,
/// authorisation, validity, locks, D11, D12). Pure: the node runs them before it records an action, the
/// server again on merge, over the same `MergeState`, so both refuse with the same reason.
public enum MergeRules {
    /// How far ahead of the deciding side's wall clock an operation's clock may be. A node clock far in
    /// the future would win every conflict and, pulled by the other nodes, drag their clocks along.
    public static let clockSkewAllowed: Int64 = 24 * 3_600_000

    /// What checking an operation found.
    public enum Check: Sendable, Equatable {
        /// The operation applies (field by field, see `MergeDecision`).
        case accept
        /// Nothing to do: the lot is already locked, or a locked lot already holds these values.
        case inForce(Rejection)
        case reject(Rejection)
    }

    /// The values an operation means, given the sheet it applies to. Grading means the candidate sat the
    /// exam: a `grade` sets attendance PRESENT, so that an absence entered elsewhere meets it as a
    /// conflict. A level written without its subject (an earlier operation) is the subject in force's.
    public static func normalised(_ operation: SyncOperation, sheet: [String: String], epreuve: Epreuve?) -> SyncOperation {
        var operation = operation
        let unqualified = operation.values.keys.contains { SheetField.level(of: $0).map { $0.subject == nil } ?? false }
        if unqualified, let epreuve,
           let subject = SheetRules.subjectCode(sheet.merging(operation.values) { _, new in new }, epreuve) {
            var values: [String: String] = [:]
            var base: [String: Int64] = [:]
            for (field, value) in operation.values {
                var key = field
                if let level = SheetField.level(of: field), level.subject == nil {
                    key = SheetField.level(subject: subject, competency: level.competency)
                }
                values[key] = value
                base[key] = operation.base[field]
            }
            operation.values = values
            operation.base = base
        }
        if operation.kind == .grade, !operation.values.isEmpty, operation.values[SheetField.attendance] == nil {
            operation.values[SheetField.attendance] = Attendance.present.rawValue
        }
        return operation
    }

    /// Checks a (normalised) operation against the state it touches, at wall-clock time `now` (ms).
    public static func check(_ operation: SyncOperation, in state: MergeState, now: Int64) -> Check {
        let values = operation.values
        func reject(_ kind: ConflictKind, _ reason: String) -> Check { .reject(Rejection(kind, reason, values: values)) }

        if operation.hlc.wall > now + clockSkewAllowed {
            return reject(.invalid, "clock \(operation.hlc.iso8601) is more than a day ahead of the server's")
        }
        guard let lot = state.lot else { return reject(.invalid, "unknown lot \(operation.lot)") }
        guard lot.centre == state.centre else {
            return reject(.notAuthorised, "lot \(lot.id) is not a lot of centre \(state.centre)")
        }
        guard state.proofValid else {
            return reject(.notAuthorised, "examiner \(operation.author) gave no valid proof of their secret for this operation")
        }
        if let convocation = state.convocation, !convocation.staff.contains(operation.author) {
            return reject(.notAuthorised, "examiner \(operation.author) is not convoked on mission \(convocation.mission): "
                + "the convocation is the access right (D6)")
        }
        guard state.members.contains(operation.author) else {
            return reject(.notAuthorised, "examiner \(operation.author) is not in group \(lot.group) of lot \(lot.id)")
        }
        guard let epreuve = state.epreuve, operation.epreuve == lot.epreuve else {
            return reject(.invalid, "lot \(lot.id) is not a lot of \(operation.epreuve)")
        }
        if operation.kind == .lock { return checkLock(operation, lot: lot, epreuve: epreuve, state: state) }

        guard let candidate = operation.candidate else { return reject(.invalid, "a sheet operation names no candidate") }
        var sheetLot = lot
        if state.candidateLot != lot.id {
            // Reassigned (D13) after the node recorded this: it applies to the sheet where it is now, or
            // stays whole for a coordinator when the examiner is not in the new lot's group.
            guard state.movedFrom.contains(lot.id), let current = state.currentLot else {
                return reject(.invalid, "candidate \(candidate) is not in lot \(lot.id)")
            }
            guard state.currentMembers.contains(operation.author) else {
                return reject(.movedCandidate, "candidate \(candidate) moved from lot \(lot.id) to lot \(current.id), "
                    + "whose group \(current.group) does not include examiner \(operation.author)")
            }
            sheetLot = current
        }
        if values.isEmpty { return reject(.invalid, "operation changes nothing") }
        if operation.kind == .attendance && Set(values.keys) != [SheetField.attendance] {
            return reject(.invalid, "an attendance operation sets attendance only")
        }
        if operation.kind == .grade && values[SheetField.attendance] != Attendance.present.rawValue {
            return reject(.invalid, "a grade sets attendance PRESENT, not \(values[SheetField.attendance] ?? "nothing")")
        }
        let current = state.sheet.mapValues(\.value)
        if let problem = SheetRules.problem(values: values, current: current, epreuve: epreuve) {
            return reject(.invalid, problem)
        }
        if sheetLot.status == .locked {
            // Values already in force are no edit: only the differing fields are kept as rejected.
            let differing = values.filter { current[$0.key] != $0.value }
            let rejection = Rejection(.lotLocked, "lot \(sheetLot.id) is locked: its sheets cannot be changed", values: differing)
            return differing.isEmpty ? .inForce(rejection) : .reject(rejection)
        }
        return .accept
    }

    /// D12: a lot is locked by an examiner of its group once every candidate is graded or absent.
    public static func checkLock(_ operation: SyncOperation, lot: LotState, epreuve: Epreuve, state: MergeState) -> Check {
        let values = operation.values
        guard values == [LotField.status: LotStatus.locked.rawValue], operation.candidate == nil else {
            return .reject(Rejection(.invalid, "a node can only lock a lot", values: values))
        }
        if lot.status == .locked {
            return .inForce(Rejection(.lotLocked, "lot \(lot.id) is already locked", values: values))
        }
        let undone = state.lotSheets.filter { !SheetRules.status(of: $0.fields, in: epreuve).isDone }.map(\.candidate)
        let disputed = state.lotSheets.map(\.candidate).filter { state.disputedCandidates.contains($0) }
        guard undone.isEmpty && disputed.isEmpty else {
            func listed(_ numbers: [String], _ what: String) -> String? {
                guard !numbers.isEmpty else { return nil }
                let noun = numbers.count == 1 ? "candidate" : "candidates"
                return "\(numbers.count) \(noun) \(what): " + numbers.prefix(5).joined(separator: ", ") + (numbers.count > 5 ? ", …" : "")
            }
            let reasons = [listed(undone, "neither graded nor absent"), listed(disputed, "with a disputed grade")].compactMap { $0 }
            return .reject(Rejection(.lockRefused, "cannot lock \(lot.id): " + reasons.joined(separator: "; "), values: values))
        }
        return .accept
    }
}
