import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// What examiners do on a lab PC (D11, D12, D21): grade, mark attendance, lock a lot. Each action is one
/// transaction: the shared merge rules (`MergeRules`, the server's own) pass and the operation is in
/// the outbox, or nothing is written. The examiner's secret is checked before (`ExaminerVerifier`); each
/// action takes it again to sign the operation (`OperationSigner`: the key is derived, used and forgotten),
/// and the server accepts only operations whose proof its own copy of the key confirms.
public struct Grading {
    let store: NodeStore
    let wall: WallClock

    /// Records an ECE evaluation: levels, subject, comment. Grading means the candidate is present.
    @discardableResult
    public func grade(as examiner: String, secret: String, epreuve code: String, candidate: String, subject: String? = nil,
                      levels: [String: String] = [:], comment: String? = nil) throws -> SyncOperation {
        try store.database.transaction {
            let (who, epreuve, lot) = try locate(examiner: examiner, epreuve: code, candidate: candidate)
            let sheet = try LocalView(store: store).sheet(epreuve: code, candidate: candidate)
            if levels.isEmpty && subject == nil && comment == nil {
                throw NodeError.refused("nothing to record for candidate \(candidate): no level, subject or comment given")
            }
            var values: [String: String] = [:]
            // Levels are the subject in force's: the shared rules name them with it (`MergeRules.normalised`).
            for (competency, level) in levels { values[SheetField.levelPrefix + competency] = level }
            if let subject {
                values[SheetField.subject] = subject
            } else if epreuve.subjects.count == 1 && sheet.fields[SheetField.subject] == nil {
                // A single subject is the subject: record it so the sheet is complete on the server.
                values[SheetField.subject] = epreuve.subjects[0].code
            }
            if let comment { values[SheetField.comment] = comment }
            let operation = try draft(.grade, by: examiner, who: who, lot: lot, candidate: candidate, values: values,
                                      revisions: sheet.revisions, sheet: sheet.fields, epreuve: epreuve)
            try check(operation, lot: lot, epreuve: epreuve, sheet: sheet.fields)
            if sheet.fields[SheetField.attendance] == Attendance.absent.rawValue {
                throw NodeError(.candidateAbsent(examiner: examiner, epreuve: code, candidate: candidate),
                                "candidate \(candidate) is marked absent for \(code)")
            }
            return try record(operation, secret: secret)
        }
    }

    /// Émargement: absent (`AB`) or present again.
    @discardableResult
    public func markAttendance(as examiner: String, secret: String, epreuve code: String, candidate: String,
                               present: Bool) throws -> SyncOperation {
        try store.database.transaction {
            let (who, epreuve, lot) = try locate(examiner: examiner, epreuve: code, candidate: candidate)
            let sheet = try LocalView(store: store).sheet(epreuve: code, candidate: candidate)
            let value = present ? Attendance.present : Attendance.absent
            let operation = try draft(.attendance, by: examiner, who: who, lot: lot, candidate: candidate,
                                      values: [SheetField.attendance: value.rawValue], revisions: sheet.revisions,
                                      sheet: sheet.fields, epreuve: epreuve)
            try check(operation, lot: lot, epreuve: epreuve, sheet: sheet.fields)
            return try record(operation, secret: secret)
        }
    }

    /// Locks a lot once every candidate is graded or absent (D12).
    @discardableResult
    public func lock(as examiner: String, secret: String, lot id: String) throws -> SyncOperation {
        try store.database.transaction {
            let who = try EnrolmentRecord.load(store)
            let reference = LocalReference(store: store)
            let lot = try reference.requireLot(id, centre: who.centre)
            try reference.requireExaminer(examiner, centre: who.centre)
            guard let epreuve = try reference.epreuve(lot.epreuve) else {
                throw NodeError.refused("unknown épreuve \(lot.epreuve)")
            }
            let view = try LocalView(store: store).lot(id)
            let operation = try draft(.lock, by: examiner, who: who, lot: lot, candidate: nil,
                                      values: [LotField.status: LotStatus.locked.rawValue],
                                      revisions: [LotField.status: view.revision], sheet: [:], epreuve: epreuve)
            try check(operation, lot: lot, epreuve: epreuve, sheet: [:])
            return try record(operation, secret: secret)
        }
    }

    /// Signs the operation with the examiner's secret and appends it to the outbox.
    private func record(_ operation: SyncOperation, secret: String) throws -> SyncOperation {
        var operation = operation
        try OperationSigner(store: store).sign(&operation, secret: secret)
        return try Outbox(store: store).append(operation)
    }

    /// The enrolment, épreuve and lot an action on a candidate's sheet starts from.
    private func locate(examiner: String, epreuve code: String, candidate: String) throws
        -> (EnrolmentRecord, Epreuve, Lot) {
        let who = try EnrolmentRecord.load(store)
        let reference = LocalReference(store: store)
        let epreuve = try reference.requireEpreuve(code)
        let lot = try reference.requireLot(epreuve: code, candidate: candidate, centre: who.centre)
        try reference.requireExaminer(examiner, centre: who.centre)
        return (who, epreuve, lot)
    }

    /// The operation the action means (normalised by the shared rules), with a fresh clock reading and
    /// the pulled revision of each field it changes as its base.
    private func draft(_ kind: OperationKind, by examiner: String, who: EnrolmentRecord, lot: Lot, candidate: String?,
                       values: [String: String], revisions: [String: Int64], sheet: [String: String],
                       epreuve: Epreuve) throws -> SyncOperation {
        var operation = MergeRules.normalised(SyncOperation(
            node: who.node, seq: 0, hlc: try NodeClock(config: store.config, wall: wall).next(), author: examiner,
            kind: kind, epreuve: lot.epreuve, lot: lot.id, candidate: candidate, base: [:], values: values),
            sheet: sheet, epreuve: epreuve)
        for field in operation.values.keys { operation.base[field] = revisions[field] ?? 0 }
        return operation
    }

    /// The server's rules over this node's view: the same refusal, before anything is written.
    private func check(_ operation: SyncOperation, lot: Lot, epreuve: Epreuve, sheet: [String: String]) throws {
        let reference = LocalReference(store: store)
        let view = LocalView(store: store)
        let status = try view.lot(lot.id)
        var state = MergeState(
            centre: lot.centre, lot: LotState(id: lot.id, epreuve: lot.epreuve, centre: lot.centre, group: lot.group,
                                              status: status.status, rev: status.revision),
            members: try reference.members(ofGroup: lot.group), epreuve: epreuve, candidateLot: lot.id)
        // The secret was checked against the verifier and signs the operation: the server checks the proof.
        state.proofValid = true
        state.sheet = sheet.mapValues { FieldState(value: $0, rev: 0, hlc: .zero, node: "", author: "") }
        if operation.kind == .lock {
            state.lotSheets = try lot.candidates.map { (candidate: $0, fields: try view.sheet(epreuve: lot.epreuve, candidate: $0).fields) }
            state.disputedCandidates = Set(try lot.candidates.filter {
                try view.openConflicts(epreuve: lot.epreuve, candidate: $0).contains { $0.kind.disputes }
            })
        }
        switch MergeRules.check(operation, in: state, now: wall.millis) {
        case .accept:
            return
        case .inForce(let rejection), .reject(let rejection):
            throw NodeError.refused(rejection.reason, hint: Self.hint(for: rejection.kind))
        }
    }

    private static func hint(for kind: ConflictKind) -> String? {
        switch kind {
        case .lotLocked: return "a coordinator can unlock it centrally"
        case .lockRefused: return "grade them or mark them absent, then lock"
        default: return nil
        }
    }
}
