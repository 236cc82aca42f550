import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

extension Node {
    /// Records an ECE evaluation (D11, D21): levels, subject, comment, and presence. One transaction:
    /// every check passes and the operation is in the outbox, or nothing is written.
    @discardableResult
    public func grade(as examiner: String, epreuve code: String, candidate: String, subject: String? = nil,
                      levels: [String: String] = [:], comment: String? = nil) throws -> SyncOperation {
        try database.transaction {
            let who = try enrolment()
            let epreuve = try requireEpreuve(code)
            let lot = try requireLot(epreuve: code, candidate: candidate, centre: who.centre)
            try requireExaminer(examiner, of: lot, centre: who.centre)
            try requireOpen(lot)
            let view = try sheetView(epreuve: code, candidate: candidate)
            if view.fields[SheetField.attendance] == Attendance.absent.rawValue {
                throw CLIError("candidate \(candidate) is marked absent for \(code)",
                               hint: "mark present first: ardoise absent --present --data \(folder) --as \(examiner) --epreuve \(code) --candidate \(candidate)")
            }
            if levels.isEmpty && subject == nil && comment == nil {
                throw CLIError("nothing to record for candidate \(candidate): give --level, --subject or --comment")
            }
            var values: [String: String] = [:]
            for (competency, level) in levels { values[SheetField.level(competency)] = level }
            if let subject {
                values[SheetField.subject] = subject
            } else if epreuve.subjects.count == 1 && view.fields[SheetField.subject] == nil {
                // A single subject is the subject: record it so the sheet is complete on the server.
                values[SheetField.subject] = epreuve.subjects[0].code
            }
            // Grading means the candidate sat the exam.
            values[SheetField.attendance] = Attendance.present.rawValue
            if let comment { values[SheetField.comment] = comment }
            // The subject first: a wrong one would otherwise be reported as "choose the subject".
            if let subject, let problem = SheetRules.problem(values: [SheetField.subject: subject],
                                                             current: view.fields, epreuve: epreuve) {
                throw CLIError(problem)
            }
            if let problem = SheetRules.problem(values: values, current: view.fields, epreuve: epreuve) {
                throw CLIError(problem)
            }
            return try append(kind: .grade, author: examiner, epreuve: code, lot: lot.id, candidate: candidate,
                              values: values, revisions: view.revisions)
        }
    }

    /// Émargement: absent (`AB`) or present again.
    @discardableResult
    public func markAttendance(as examiner: String, epreuve code: String, candidate: String,
                               present: Bool) throws -> SyncOperation {
        try database.transaction {
            let who = try enrolment()
            _ = try requireEpreuve(code)
            let lot = try requireLot(epreuve: code, candidate: candidate, centre: who.centre)
            try requireExaminer(examiner, of: lot, centre: who.centre)
            try requireOpen(lot)
            let view = try sheetView(epreuve: code, candidate: candidate)
            let value = present ? Attendance.present : Attendance.absent
            return try append(kind: .attendance, author: examiner, epreuve: code, lot: lot.id, candidate: candidate,
                              values: [SheetField.attendance: value.rawValue], revisions: view.revisions)
        }
    }

    /// Locks a lot once every candidate is graded or absent (D12).
    @discardableResult
    public func lock(as examiner: String, lot id: String) throws -> SyncOperation {
        try database.transaction {
            let who = try enrolment()
            let lot = try requireLot(id, centre: who.centre)
            try requireExaminer(examiner, of: lot, centre: who.centre)
            let view = try lotView(id)
            if view.status == .locked { throw CLIError("lot \(id) is already locked") }
            guard let epreuve = try epreuve(lot.epreuve) else { throw CLIError("unknown épreuve \(lot.epreuve)") }
            var undone: [String] = []
            for number in try candidates(ofLot: id) {
                let sheet = try sheetView(epreuve: lot.epreuve, candidate: number)
                if !SheetRules.status(of: sheet.fields, in: epreuve).isDone { undone.append(number) }
            }
            if !undone.isEmpty {
                let noun = undone.count == 1 ? "candidate" : "candidates"
                let first = undone.prefix(5).joined(separator: ", ") + (undone.count > 5 ? ", …" : "")
                throw CLIError("cannot lock \(id): \(undone.count) \(noun) neither graded nor absent: \(first)",
                               hint: "grade them or mark them absent (ardoise absent), then lock")
            }
            return try append(kind: .lock, author: examiner, epreuve: lot.epreuve, lot: id, candidate: nil,
                              values: [LotField.status: LotStatus.locked.rawValue],
                              revisions: [LotField.status: view.revision])
        }
    }

    private func requireOpen(_ lot: LotInfo) throws {
        if try lotView(lot.id).status == .locked {
            throw CLIError("lot \(lot.id) is locked: its sheets cannot be changed",
                           hint: "a coordinator can unlock it centrally")
        }
    }

    /// Appends one operation with the next contiguous sequence number and a fresh clock reading
    /// (call inside the action's transaction). `base` holds the pulled revision of each changed field.
    private func append(kind: OperationKind, author: String, epreuve: String, lot: String, candidate: String?,
                        values: [String: String], revisions: [String: Int64]) throws -> SyncOperation {
        let who = try enrolment()
        let seq = max(1, try configInt(ConfigKey.nextSeq))
        var base: [String: Int64] = [:]
        for field in values.keys { base[field] = revisions[field] ?? 0 }
        let operation = SyncOperation(node: who.node, seq: seq, hlc: try nextClock(), author: author, kind: kind,
                                  epreuve: epreuve, lot: lot, candidate: candidate, base: base, values: values)
        let body = String(decoding: try JSONCoding.encode(operation), as: UTF8.self)
        try database.run("""
            INSERT INTO outbox(seq, kind, epreuve, lot, candidate, body, acked_rev) VALUES(?, ?, ?, ?, ?, ?, NULL)
            """, [.int(seq), .text(kind.rawValue), .text(epreuve), .text(lot), .optional(candidate), .text(body)])
        try setConfig(ConfigKey.nextSeq, seq + 1)
        return operation
    }
}
