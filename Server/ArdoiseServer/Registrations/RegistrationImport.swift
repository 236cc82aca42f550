import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Imports a registration export (RegistrationFolder): everything read and checked first, then written in
/// one transaction. The export is the whole truth for candidates and their registrations: a re-import
/// replaces them (so it never duplicates), while centres and épreuves are only added or updated (missions
/// and staff refer to them). What is graded is protected by the session file's rules (issue 7):
/// a candidate with a grade or an attendance cannot disappear nor lose that épreuve, and moving them to
/// another exam centre is a reassignment that needs a reason (D13).
public struct RegistrationImport: Sendable {
    let store: CentralStore
    let clock: WallClock

    public struct Summary: Codable, Sendable, Equatable {
        public var centres, epreuves, candidates, registrations, assigned: Int
        /// Candidates new to the store, and those the export no longer has.
        public var added, removed: Int
        /// Graded candidates moved to another exam centre, with the reason.
        public var reassigned: Int
    }

    /// Reads and checks `folder`; throws the first problem (with how many more) when there is one.
    /// `RegistrationReader` gives them all.
    public static func read(folder: String) throws -> RegistrationData {
        var reader = RegistrationReader()
        guard let data = reader.read(folder: folder) else {
            throw ServerError.invalid(first: reader.problems, or: "\(folder): unreadable")
        }
        return data
    }

    @discardableResult
    public func load(_ data: RegistrationData, why: String? = nil, by actor: String = "manager") throws -> Summary {
        try store.write { db in
            let meta = Meta(db: db)
            try meta.requireSession(data.session)
            let tables = RegistrationTables(db: db)
            let before = try tables.storedAssignments()
            let moves = try protectGraded(data, before: before, db: db)
            let reason = why?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !moves.isEmpty && reason.isEmpty {
                throw SessionChanges.reasonNeeded(moves.map { "\($0.candidate) \($0.from) → \($0.to)" }, what: "exam centre")
            }
            try meta.set("session", data.session)
            try meta.set("academie", data.academie)
            try meta.set("session_label", data.label)
            for centre in data.centres { try tables.upsert(centre) }
            for epreuve in data.epreuves { try tables.upsert(epreuve) }
            try tables.replaceCandidates(with: data)
            // Who may grade where changed (D6): nodes pull their reference again.
            try Meta(db: db).bumpReferenceVersion()
            let audit = AuditLog(db: db, clock: clock, key: store.auditKey)
            for move in moves {
                try audit.append(actor: actor, action: "reassign",
                                 detail: "candidate \(move.candidate) of \(move.epreuve): exam centre \(move.from) → \(move.to): \(reason)")
            }
            let numbers = Set(data.candidates.map(\.number))
            let summary = Summary(
                centres: data.centres.count, epreuves: data.epreuves.count, candidates: data.candidates.count,
                registrations: data.candidates.reduce(0) { $0 + $1.epreuves.count }, assigned: data.assignments.count,
                added: numbers.subtracting(before.keys).count, removed: Set(before.keys).subtracting(numbers).count,
                reassigned: moves.count)
            try audit.append(actor: actor, action: "import-registrations",
                             detail: "session \(data.session): \(summary.candidates) candidates (\(summary.added) new, "
                                + "\(summary.removed) removed), \(summary.registrations) registrations, \(summary.assigned) assigned")
            return summary
        }
    }

    /// Refuses an export that drops a graded candidate or épreuve, or leaves one unassigned; returns the
    /// graded candidates it moves to another exam centre.
    private func protectGraded(_ data: RegistrationData, before: [String: [String: String?]], db: Database) throws -> [Reassignments.Move] {
        let graded = try SessionChanges(db: db, reference: ReferenceTables(db: db)).sheetsWithEntries()
        let registered = Dictionary(data.candidates.map { ($0.number, Set($0.epreuves)) }, uniquingKeysWith: { first, _ in first })
        let assigned = Dictionary(data.assignments.map { ("\($0.candidate)/\($0.epreuve)", $0.examCentre) },
                                  uniquingKeysWith: { first, _ in first })
        var moves: [Reassignments.Move] = []
        for (epreuve, candidates) in graded.sorted(by: { $0.key < $1.key }) {
            for candidate in candidates.sorted() {
                // Only what registrations placed is protected here; the session file's lots protect the rest.
                guard let was = before[candidate]?[epreuve] else { continue }
                guard let now = registered[candidate] else {
                    throw ServerError.invalid("candidate \(candidate) has a grade or an attendance for \(epreuve) "
                        + "and is not in \(RegistrationFolder.candidates.name)")
                }
                guard now.contains(epreuve) else {
                    throw ServerError.invalid("candidate \(candidate) has a grade or an attendance for \(epreuve) "
                        + "and is no longer registered for it")
                }
                let to = assigned["\(candidate)/\(epreuve)"]
                guard let was, to != was else { continue }
                guard let to else {
                    throw ServerError.invalid("candidate \(candidate) has a grade or an attendance for \(epreuve) at \(was) "
                        + "and is assigned nowhere in \(RegistrationFolder.assignments.name)")
                }
                moves.append(Reassignments.Move(epreuve: epreuve, candidate: candidate, from: was, to: to))
            }
        }
        return moves
    }
}
