import ArdoiseProtocol
import ArdoiseSQLite
import Foundation

/// An enrolled node as its token identifies it.
public struct NodeIdentity: Sendable, Equatable {
    public let id: String
    public let centre: String
    public init(id: String, centre: String) {
        self.id = id
        self.centre = centre
    }
}

extension CentralStore {
    /// Applies a push batch exactly once (ARCHITECTURE "The wire"): one transaction holds the effects and
    /// the node's new high-water mark; operations at or below the mark are acknowledged without effect;
    /// a gap refuses the whole batch and changes nothing.
    public func push(node: NodeIdentity, operations: [SyncOperation]) throws -> PushResponse {
        try write { db in
            guard var mark = try db.scalarInt("SELECT hwm FROM nodes WHERE id = ?", [.text(node.id)]) else {
                throw ServerError.unauthorised("unknown node \(node.id)")
            }
            let merge = try MergeEngine(db: db, centre: node.centre)
            var results: [OperationResult] = []
            results.reserveCapacity(operations.count)
            for operation in operations {
                guard operation.node == node.id else {
                    throw ServerError.forbidden("operation \(operation.seq) claims node \(operation.node), token is for \(node.id)")
                }
                if operation.seq <= mark {
                    results.append(OperationResult(seq: operation.seq, outcome: .duplicate, detail: nil))
                    continue
                }
                guard operation.seq == mark + 1 else {
                    throw ServerError.conflict("sequence gap: expected operation \(mark + 1), got \(operation.seq)")
                }
                let result = try merge.apply(operation)
                try merge.record(operation, result)
                results.append(result)
                mark = operation.seq
            }
            try db.run("UPDATE nodes SET hwm = ? WHERE id = ?", [.int(mark), .text(node.id)])
            let fresh = results.filter { $0.outcome != .duplicate }
            if let first = fresh.first, let last = fresh.last {
                let count = { (outcome: OperationOutcome) in fresh.filter { $0.outcome == outcome }.count }
                try db.audit(actor: node.id, action: "merge",
                             detail: "operations \(first.seq)–\(last.seq): \(count(.applied)) applied, "
                                 + "\(count(.conflict)) in conflict, \(count(.rejected)) rejected")
            }
            return PushResponse(acknowledged: mark, revision: try db.currentRevision(), results: results)
        }
    }
}

/// The I/O around `FieldMerge`: reads the server state an operation touches, applies the decision of
/// each field, and records conflicts and rejections. Lives for one push transaction.
final class MergeEngine {
    private let db: Database
    private let centre: String
    private var epreuves: [String: Epreuve] = [:]
    private var lots: [String: LotRow] = [:]
    private var members: [String: Set<String>] = [:]
    private let selectSheet: Statement
    private let insertOperation: Statement
    let conflicts: ConflictWriter

    struct LotRow {
        var epreuve: String
        var centre: String
        var group: String
        var status: LotStatus
        var rev: Int64
    }

    init(db: Database, centre: String) throws {
        self.db = db
        self.centre = centre
        selectSheet = try db.prepare("SELECT field, value, rev, hlc, node, author FROM fields WHERE epreuve = ? AND candidate = ?")
        insertOperation = try db.prepare("INSERT INTO operations(node, seq, body, outcome, detail) VALUES (?, ?, ?, ?, ?)")
        conflicts = try ConflictWriter(db: db)
    }

    func record(_ operation: SyncOperation, _ result: OperationResult) throws {
        try insertOperation.run([.text(operation.node), .int(operation.seq), .text(operation.jsonText),
                                 .text(result.outcome.rawValue), .optional(result.detail)])
    }

    /// How far ahead of the server's wall clock an operation's clock may be. A node clock far in the
    /// future would win every conflict and, pulled by the other nodes, drag their clocks along.
    static let clockSkewAllowed: Int64 = 24 * 3_600_000

    func apply(_ operation: SyncOperation) throws -> OperationResult {
        if operation.hlc.wall > HLC.nowMillis() + Self.clockSkewAllowed {
            return try reject(operation, .invalid, "clock \(operation.hlc.iso8601) is more than a day ahead of the server's",
                              lot: nil, sheet: [:])
        }
        guard let lot = try lot(operation.lot) else {
            return try reject(operation, .invalid, "unknown lot \(operation.lot)", lot: nil, sheet: [:])
        }
        guard lot.centre == centre else {
            return try reject(operation, .notAuthorised, "lot \(operation.lot) belongs to centre \(lot.centre), not \(centre)",
                              lot: lot, sheet: [:])
        }
        guard try groupMembers(lot.group).contains(operation.author) else {
            return try reject(operation, .notAuthorised,
                              "author \(operation.author) is not an examiner of group \(lot.group) of lot \(operation.lot)",
                              lot: lot, sheet: [:])
        }
        guard let epreuve = try epreuve(lot.epreuve), operation.epreuve == lot.epreuve else {
            return try reject(operation, .invalid, "lot \(operation.lot) is not a lot of \(operation.epreuve)", lot: lot, sheet: [:])
        }
        if operation.kind == .lock {
            return try applyLock(operation, lot: lot, epreuve: epreuve)
        }
        guard let candidate = operation.candidate,
              try db.scalarText("SELECT lot FROM lot_candidates WHERE epreuve = ? AND candidate = ?",
                                [.text(operation.epreuve), .text(candidate)]) == operation.lot else {
            return try reject(operation, .invalid,
                              "candidate \(operation.candidate ?? "(none)") is not in lot \(operation.lot)", lot: lot, sheet: [:])
        }
        let sheet = try readSheet(epreuve: operation.epreuve, candidate: candidate)
        if operation.values.isEmpty {
            return try reject(operation, .invalid, "operation changes nothing", lot: lot, sheet: sheet)
        }
        if operation.kind == .attendance && Set(operation.values.keys) != [SheetField.attendance] {
            return try reject(operation, .invalid, "an attendance operation sets attendance only", lot: lot, sheet: sheet)
        }
        if let problem = SheetRules.problem(values: operation.values, current: sheet.mapValues(\.value), epreuve: epreuve) {
            return try reject(operation, .invalid, problem, lot: lot, sheet: sheet)
        }
        if lot.status == .locked {
            // Values already in force are no edit: only the differing fields are kept as rejected.
            var edit = operation
            edit.values = operation.values.filter { sheet[$0.key]?.value != $0.value }
            if edit.values.isEmpty {
                return OperationResult(seq: operation.seq, outcome: .applied, detail: "lot locked; values already in force")
            }
            return try reject(edit, .lotLocked,
                              "lot \(operation.lot) was locked centrally (revision \(lot.rev)) after the node's base",
                              lot: lot, sheet: sheet)
        }
        var conflicted = 0
        for (field, value) in operation.values.sorted(by: { $0.key < $1.key }) {
            let write = FieldWrite(value: value, base: operation.base[field] ?? 0, hlc: operation.hlc, node: operation.node)
            let current = sheet[field]
            switch FieldMerge.decide(current: current, write: write) {
            case .fastForward:
                if current?.value != value { try setField(field, value, of: operation) }
            case .convergent:
                continue
            case .conflict(let incomingWins):
                guard let current else { continue }
                conflicted += 1
                if incomingWins { try setField(field, value, of: operation) }
                try conflicts.conflict(operation, field: field, current: current, incomingWins: incomingWins)
            }
        }
        return conflicted == 0
            ? OperationResult(seq: operation.seq, outcome: .applied, detail: nil)
            : OperationResult(seq: operation.seq, outcome: .conflict, detail: "\(conflicted) field(s) in conflict")
    }

    /// A node's lock is re-checked on merge (D12): every candidate graded or absent on the server.
    private func applyLock(_ operation: SyncOperation, lot: LotRow, epreuve: Epreuve) throws -> OperationResult {
        guard operation.values == [LotField.status: LotStatus.locked.rawValue], operation.candidate == nil else {
            return try reject(operation, .invalid, "a node can only lock a lot", lot: lot, sheet: [:])
        }
        if lot.status == .locked {
            return OperationResult(seq: operation.seq, outcome: .applied, detail: "lot was already locked")
        }
        let candidates = try db.rows("SELECT candidate FROM lot_candidates WHERE lot = ? ORDER BY candidate",
                                     [.text(operation.lot)]).map { $0.string(0) }
        var pending: [String] = []
        for candidate in candidates {
            let sheet = try readSheet(epreuve: lot.epreuve, candidate: candidate).mapValues(\.value)
            if !SheetRules.status(of: sheet, in: epreuve).isDone { pending.append(candidate) }
        }
        if !pending.isEmpty {
            let listed = pending.prefix(5).joined(separator: ", ") + (pending.count > 5 ? ", …" : "")
            return try reject(operation, .lockRefused,
                              "lock re-checked on merge: \(pending.count) candidate(s) neither graded nor absent: \(listed)",
                              lot: lot, sheet: [:])
        }
        try setLotStatus(operation.lot, .locked, by: operation.author, hlc: operation.hlc)
        return OperationResult(seq: operation.seq, outcome: .applied, detail: nil)
    }

    private func reject(_ operation: SyncOperation, _ kind: ConflictKind, _ reason: String, lot: LotRow?,
                        sheet: [String: FieldState]) throws -> OperationResult {
        // The entry goes to the submitting node's centre: another centre never learns of the attempt.
        try conflicts.rejection(operation, kind: kind, reason: reason, centre: centre,
                                epreuve: lot?.epreuve ?? operation.epreuve, lotStatus: lot?.status, sheet: sheet)
        return OperationResult(seq: operation.seq, outcome: .rejected, detail: "\(kind.rawValue): \(reason)")
    }

    private func setField(_ field: String, _ value: String, of operation: SyncOperation) throws {
        guard let candidate = operation.candidate else { return }
        try db.setField(field, value, epreuve: operation.epreuve, candidate: candidate, lot: operation.lot, centre: centre,
                        node: operation.node, author: operation.author, hlc: operation.hlc)
    }

    private func setLotStatus(_ id: String, _ status: LotStatus, by author: String, hlc: HLC) throws {
        guard var row = try lot(id) else { return }
        row.rev = try db.setLotStatus(id, status, epreuve: row.epreuve, centre: row.centre, by: author, hlc: hlc)
        row.status = status
        lots[id] = row
    }

    func readSheet(epreuve: String, candidate: String) throws -> [String: FieldState] {
        try selectSheet.bind([.text(epreuve), .text(candidate)])
        var sheet: [String: FieldState] = [:]
        while try selectSheet.step() {
            let row = selectSheet.currentRow()
            sheet[row.string(0)] = FieldState(value: row.string(1), rev: row.integer(2),
                                              hlc: HLC(text: row.string(3)) ?? .zero, node: row.string(4),
                                              author: row.string(5))
        }
        return sheet
    }

    private func lot(_ id: String) throws -> LotRow? {
        if let cached = lots[id] { return cached }
        guard let row = try db.row("SELECT epreuve, centre, group_id, status, rev FROM lots WHERE id = ?", [.text(id)]) else {
            return nil
        }
        let lot = LotRow(epreuve: row.string(0), centre: row.string(1), group: row.string(2),
                         status: LotStatus(rawValue: row.string(3)) ?? .open, rev: row.integer(4))
        lots[id] = lot
        return lot
    }

    private func epreuve(_ code: String) throws -> Epreuve? {
        if let cached = epreuves[code] { return cached }
        let epreuve = try db.epreuve(code)
        epreuves[code] = epreuve
        return epreuve
    }

    private func groupMembers(_ group: String) throws -> Set<String> {
        if let cached = members[group] { return cached }
        let found = Set(try db.rows("SELECT examiner FROM group_members WHERE group_id = ?", [.text(group)]).map { $0.string(0) })
        members[group] = found
        return found
    }
}
