import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Coordinators settle report entries: keep the server's value, the node's, or a value they give. The
/// chosen value becomes the field's (a central change nodes pull); the entry keeps both sides.
public struct ConflictResolution: Sendable {
    let store: CentralStore
    let clock: CentralClock

    /// The report entries `actor` may see (every one for the manager, the épreuves they coordinate for a
    /// person), ordered by épreuve, centre, lot, then id.
    public func all(for actor: Actor = .manager) throws -> [ConflictRecord] {
        try store.withDatabase { db in
            let records = try ConflictLog(db: db).all()
            guard case .person(let person) = actor else { return records }
            let grants = try AccessGrants(db: db).of(person)
            return records.filter { record in grants.contains { $0.allows(.listConflicts, epreuve: record.epreuve, centre: record.centre) } }
        }
    }

    /// One resolution closes a disputed field. When the field changed since the entry was last updated
    /// (another decision, a later edit), the resolution must name the field's current value as `from`,
    /// so that nobody undoes a decision they have not seen.
    public func resolve(conflict id: Int64, keep: String, by actor: Actor, from: String? = nil) throws -> String {
        try store.write { db in
            let log = ConflictLog(db: db)
            guard var record = try log.record(id) else { throw ServerError.notFound("unknown conflict \(id)") }
            try AccessGrants(db: db).require(.resolve, by: actor, epreuve: record.epreuve, centre: record.centre)
            let coordinator = actor.description
            if let done = record.resolution {
                throw ServerError.conflict("conflict \(id) was already resolved by \(done.by) at \(done.at)")
            }
            let choice: String
            let value: String?
            switch keep {
            case "server": (choice, value) = ("server", record.server.value)
            case "node": (choice, value) = ("node", record.node.value)
            default: (choice, value) = ("value", keep)
            }
            if choice != "server" && record.kind == .invalid {
                throw ServerError.badRequest("conflict \(id) is an invalid operation: only --keep server applies")
            }
            if choice == "value" && record.kind == .movedCandidate {
                throw ServerError.badRequest("conflict \(id) keeps a whole operation: --keep node applies it, --keep server leaves the sheet")
            }
            try requireStartingPoint(record, from: from, db)
            let hlc = clock.tick()
            if record.candidate == nil {
                try settleLot(record, value: value, by: coordinator, hlc: hlc, db)
            } else if record.kind == .movedCandidate {
                if choice == "node" { try settleOperation(record, by: coordinator, hlc: hlc, db) }
            } else {
                try settleField(record, value: value, by: coordinator, hlc: hlc, db)
            }
            record.status = .resolved
            record.resolution = Resolution(choice: choice, value: value, by: coordinator, at: hlc.iso8601)
            try log.store(record)
            try AuditLog(db: db, clock: clock.wall, key: store.auditKey).append(
                actor: coordinator, action: "resolve",
                detail: "conflict \(id) (\(record.kind.rawValue), \(record.field)): kept \(choice) '\(value ?? "no value")'")
            return "conflict \(id) resolved by \(coordinator): \(record.field) = \(value ?? "(no value)")"
        }
    }

    private func requireStartingPoint(_ record: ConflictRecord, from: String?, _ db: Database) throws {
        guard record.kind.disputes, let expected = record.fieldRev, let candidate = record.candidate else { return }
        let current = try CentralSheets(db: db).fieldStates(epreuve: record.epreuve, candidate: candidate)[record.field]
        guard let current, current.rev != expected, from != current.value else { return }
        throw ServerError(409,
            "\(record.field) of candidate \(candidate) is now '\(current.value)' (by \(current.author) at \(current.hlc.iso8601)), "
                + "not what conflict \(record.id) showed",
            hint: "look at the sheet, then resolve again starting from it: --from \(current.value)")
    }

    /// Applies a whole kept operation to the candidate's sheet where it is now (after a reassignment).
    private func settleOperation(_ record: ConflictRecord, by coordinator: String, hlc: HLC, _ db: Database) throws {
        guard let candidate = record.candidate, let values = record.values else { return }
        let sheets = CentralSheets(db: db)
        let reference = ReferenceTables(db: db)
        guard let epreuve = try reference.epreuve(record.epreuve),
              let lotID = try reference.lotHolding(epreuve: record.epreuve, candidate: candidate),
              let lot = try sheets.lot(lotID) else {
            throw ServerError.notFound("candidate \(candidate) is in no lot of \(record.epreuve)")
        }
        guard lot.status == .open else { throw ServerError.conflict("lot \(lot.id) is locked: unlock it first") }
        let sheet = try sheets.values(epreuve: record.epreuve, candidate: candidate)
        if let problem = SheetRules.problem(values: values, current: sheet, epreuve: epreuve) {
            throw ServerError.badRequest("cannot apply conflict \(record.id): \(problem)")
        }
        for (field, value) in values.sorted(by: { $0.key < $1.key }) where sheet[field] != value {
            try sheets.set(field, value, epreuve: record.epreuve, candidate: candidate, lot: lot.id, centre: lot.centre,
                           node: "central", author: coordinator, hlc: hlc)
        }
    }

    private func settleField(_ record: ConflictRecord, value: String?, by coordinator: String, hlc: HLC, _ db: Database) throws {
        guard let candidate = record.candidate else { return }
        let sheets = CentralSheets(db: db)
        let sheet = try sheets.values(epreuve: record.epreuve, candidate: candidate)
        if let value {
            guard let epreuve = try ReferenceTables(db: db).epreuve(record.epreuve) else {
                throw ServerError.notFound("unknown épreuve \(record.epreuve)")
            }
            if let problem = SheetRules.problem(values: [record.field: value], current: sheet, epreuve: epreuve) {
                throw ServerError.badRequest("cannot keep '\(value)': \(problem)")
            }
        }
        guard sheet[record.field] != value else { return }
        // A grade changed inside a locked lot would be a harmonisation (D15, issue 10), with its own rules,
        // not a resolution: whoever may unlock does so first, with a reason (D13).
        if let holding = try ReferenceTables(db: db).lotHolding(epreuve: record.epreuve, candidate: candidate),
           let lot = try sheets.lot(holding), lot.status == .locked {
            throw ServerError(409, "lot \(lot.id) is locked: keeping '\(value ?? "no value")' would change candidate \(candidate)'s "
                + "\(record.field) inside it, which is a harmonisation, not a resolution (D15)",
                hint: "unlock the lot with a reason (D13), then resolve; or keep the server's value")
        }
        try sheets.set(record.field, value, epreuve: record.epreuve, candidate: candidate, lot: record.lot,
                       centre: record.centre, node: "central", author: coordinator, hlc: hlc)
    }

    /// A refused lock kept by the coordinator locks the lot centrally.
    private func settleLot(_ record: ConflictRecord, value: String?, by coordinator: String, hlc: HLC, _ db: Database) throws {
        guard let value, let status = LotStatus(rawValue: value) else {
            throw ServerError.badRequest("a lot status is 'open' or 'locked'")
        }
        let sheets = CentralSheets(db: db)
        guard let lot = try sheets.lot(record.lot), lot.status != status else { return }
        try sheets.setStatus(of: lot, status, by: coordinator, hlc: hlc)
    }
}
