import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// A corrector grades written copies centrally (issue 10: written épreuves travel the same road without
/// scanned copies yet): each entry is one transaction under the merge's own rules (`MergeRules`: convoked
/// on the COEC mission, in the lot's group, lot open, barème respected), the signed-in session standing
/// for the proof a lab PC's operation carries.
public struct CentralGrading: Sendable {
    let store: CentralStore
    let clock: CentralClock

    /// Item points (`Q1` → "3.5") and the subject for a graded copy; `absent` marks AB instead.
    public func enter(epreuve code: String, candidate: String, subject: String?, items: [String: String], comment: String?,
                      absent: Bool, by actor: Actor) throws -> String {
        guard case .person(let person) = actor else { throw ServerError.forbidden("a copy is graded by its corrector, signed in (D6)") }
        return try store.write { db in
            let reference = ReferenceTables(db: db)
            guard let lotID = try reference.lotHolding(epreuve: code, candidate: candidate), let lot = try CentralSheets(db: db).lot(lotID) else {
                throw ServerError.notFound("candidate \(candidate) is in no lot of \(code)")
            }
            let sheets = CentralSheets(db: db)
            var values: [String: String] = [:]
            if absent {
                guard items.isEmpty && subject == nil else { throw ServerError.badRequest("an absent candidate gets no item nor subject") }
                values[SheetField.attendance] = Attendance.absent.rawValue
            } else {
                if let subject { values[SheetField.subject] = subject }
                let inForce = try sheets.values(epreuve: code, candidate: candidate)[SheetField.subject]
                let only = try reference.epreuve(code).flatMap { $0.subjects.count == 1 ? $0.subjects[0].code : nil }
                let chosen = subject ?? inForce ?? only
                guard let chosen else { throw ServerError.badRequest("subject: choose the subject first") }
                for (item, points) in items { values[SheetField.item(subject: chosen, item: item)] = points.replacingOccurrences(of: ",", with: ".") }
                if let comment { values[SheetField.comment] = comment }
                if subject == nil, items.isEmpty, comment == nil { throw ServerError.badRequest("nothing to record: give items, a subject or a comment") }
            }
            let current = try sheets.fieldStates(epreuve: code, candidate: candidate)
            var operation = SyncOperation(node: "central", seq: 0, hlc: clock.tick(), author: person, kind: absent ? .attendance : .grade,
                                          epreuve: code, lot: lot.id, candidate: candidate, base: [:], values: values)
            operation = MergeRules.normalised(operation, sheet: current.mapValues(\.value), epreuve: try reference.epreuve(code))
            for field in operation.values.keys { operation.base[field] = current[field]?.rev ?? 0 }
            var state = try MergeStateReader(db: db, centre: lot.centre).state(for: operation)
            // Signed in with their personal secret: the session stands for the operation's proof.
            state.proofValid = true
            switch MergeRules.check(operation, in: state, now: clock.wall.millis) {
            case .accept:
                break
            case .inForce(let rejection), .reject(let rejection):
                let status = rejection.kind == .invalid ? 400 : rejection.kind == .notAuthorised ? 403 : 409
                throw ServerError(status, "candidate \(candidate): \(rejection.reason)")
            }
            // Entered against the sheet as it stands: every field fast-forwards, nothing to dispute.
            let decision = MergeDecision.decide(operation, state: state, now: clock.wall.millis)
            for (field, value) in decision.writes {
                try sheets.set(field, value, epreuve: code, candidate: candidate, lot: lot.id, centre: lot.centre, node: "central",
                               author: person, hlc: operation.hlc)
            }
            guard let epreuve = try reference.epreuve(code) else { throw ServerError.notFound("unknown épreuve \(code)") }
            let status = SheetRules.status(of: try sheets.values(epreuve: code, candidate: candidate), in: epreuve)
            try AuditLog(db: db, clock: clock.wall, key: store.auditKey).append(
                actor: person, action: "grade", detail: "\(code) candidate \(candidate) in lot \(lot.id): "
                    + values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: ", "))
            return "\(code) candidate \(candidate) now \(status.label)"
        }
    }

    /// The lots a corrector grades, with each copy's state: their own work list.
    public func lots(by actor: Actor) throws -> [LotSummary] {
        guard case .person(let person) = actor else { return [] }
        return try store.withDatabase { db in
            let mine = Set(try db.rows("""
                SELECT l.id FROM lots l JOIN group_members m ON m.group_id = l.group_id WHERE m.examiner = ?
                """, [.text(person)]).map { try $0.string("id") })
            return try LotProgress.summaries(in: db, followedWith: nil).filter { mine.contains($0.id) }
        }
    }
}
