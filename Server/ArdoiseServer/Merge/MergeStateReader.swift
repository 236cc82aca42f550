import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// Reads the `MergeState` of an operation from the central store. Lots, épreuves and group members
/// are cached for the push transaction: a batch touches few of them, many times.
final class MergeStateReader {
    private let db: Database
    private let centre: String
    private let reference: ReferenceTables
    private let sheets: CentralSheets
    private let conflicts: ConflictLog
    private let reassignments: Reassignments
    private var lots: [String: LotState] = [:]
    private var epreuves: [String: Epreuve] = [:]
    private var members: [String: Set<String>] = [:]
    private var proofKeys: [String: [UInt8]?] = [:]
    private var convocations: [String: MissionConvocation?] = [:]

    init(db: Database, centre: String) throws {
        self.db = db
        self.centre = centre
        reference = ReferenceTables(db: db)
        sheets = CentralSheets(db: db)
        conflicts = ConflictLog(db: db)
        reassignments = Reassignments(db: db)
    }

    func state(for operation: SyncOperation) throws -> MergeState {
        guard let lot = try lot(operation.lot) else {
            return MergeState(centre: centre, lot: nil, members: [], epreuve: nil, candidateLot: nil)
        }
        var state = MergeState(centre: centre, lot: lot, members: try members(lot.group), epreuve: try epreuve(lot.epreuve),
                               candidateLot: nil)
        state.convocation = try convocation(epreuve: lot.epreuve, centre: lot.centre)
        // The proof is checked here, with the key only the server keeps: the pure decision takes the fact.
        state.proofValid = ExaminerProof.verify(operation.signedBytes, proof: operation.proof, key: try proofKey(operation.author))
        if let candidate = operation.candidate {
            let holding = try reference.lotHolding(epreuve: operation.epreuve, candidate: candidate)
            state.candidateLot = holding
            if let holding, holding != lot.id, let current = try self.lot(holding) {
                state.currentLot = current
                state.currentMembers = try members(current.group)
                if let convoked = try convocation(epreuve: current.epreuve, centre: current.centre) {
                    state.currentMembers.formIntersection(convoked.staff)
                }
                state.movedFrom = try reassignments.formerLots(epreuve: operation.epreuve, candidate: candidate)
            }
            state.sheet = try sheets.fieldStates(epreuve: operation.epreuve, candidate: candidate)
            state.openDisputes = try conflicts.openDisputes(epreuve: operation.epreuve, candidate: candidate)
        } else if operation.kind == .lock, lot.status == .open {
            let candidates = try reference.candidates(ofLot: lot.id)
            state.lotSheets = try candidates.map {
                (candidate: $0, fields: try sheets.values(epreuve: lot.epreuve, candidate: $0))
            }
            state.disputedCandidates = Set(try candidates.filter {
                !(try conflicts.openDisputes(epreuve: lot.epreuve, candidate: $0)).isEmpty
            })
        }
        return state
    }

    /// A lot whose status this transaction changed.
    func forget(lot id: String, rev: Int64) {
        lots[id]?.status = .locked
        lots[id]?.rev = rev
    }

    private func lot(_ id: String) throws -> LotState? {
        if let cached = lots[id] { return cached }
        let lot = try sheets.lot(id)
        lots[id] = lot
        return lot
    }

    private func epreuve(_ code: String) throws -> Epreuve? {
        if let cached = epreuves[code] { return cached }
        let epreuve = try reference.epreuve(code)
        epreuves[code] = epreuve
        return epreuve
    }

    private func proofKey(_ examiner: String) throws -> [UInt8]? {
        if let cached = proofKeys[examiner] { return cached }
        let key = try CredentialIssuer.proofKey(examiner: examiner, db)
        proofKeys[examiner] = key
        return key
    }

    /// D6: who is convoked to grade `epreuve` at `centre`, for an épreuve run from registrations.
    private func convocation(epreuve: String, centre: String) throws -> MissionConvocation? {
        let key = "\(epreuve)/\(centre)"
        if let cached = convocations[key] { return cached }
        let found = try AccessGrants(db: db).examinerConvocation(epreuve: epreuve, centre: centre)
        convocations[key] = found
        return found
    }

    private func members(_ group: String) throws -> Set<String> {
        if let cached = members[group] { return cached }
        let found = try reference.members(ofGroup: group)
        members[group] = found
        return found
    }
}
