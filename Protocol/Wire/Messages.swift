/// The wire contract, version 1 (`/v1/…`). JSON bodies; every request but enrolment carries
/// `Authorization: Bearer <node token>`.
public enum WireVersion {
    public static let current = 1
    public static let prefix = "/v1"
}

public struct EnrolRequest: Codable, Sendable {
    public var code: String
    public var label: String
    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }
}

public struct EnrolResponse: Codable, Sendable {
    public var node: String
    public var token: String
    public var centre: String
    public var session: String
    public init(node: String, token: String, centre: String, session: String) {
        self.node = node
        self.token = token
        self.centre = centre
        self.session = session
    }
}

/// What a node of one centre needs to work offline for the day.
public struct ReferenceSnapshot: Codable, Sendable, Equatable {
    public var version: Int64
    public var session: String
    public var centre: Centre
    public var epreuves: [Epreuve]
    public var examiners: [Examiner]
    public var groups: [ExaminerGroup]
    public var candidates: [Candidate]
    public var lots: [Lot]
    /// Verifiers of the centre's examiners who have been issued a secret.
    public var credentials: [ExaminerCredential]?

    public init(version: Int64, session: String, centre: Centre, epreuves: [Epreuve], examiners: [Examiner],
                groups: [ExaminerGroup], candidates: [Candidate], lots: [Lot], credentials: [ExaminerCredential]? = nil) {
        self.version = version
        self.session = session
        self.centre = centre
        self.epreuves = epreuves
        self.examiners = examiners
        self.groups = groups
        self.candidates = candidates
        self.lots = lots
        self.credentials = credentials
    }
}

/// A batch of operations from one node, contiguous from `operations[0].seq`. Decoding checks every
/// operation against `WireLimits`: a batch outside them does not decode (the server answers 400 and
/// stores nothing).
public struct PushRequest: Codable, Sendable {
    public var operations: [SyncOperation]
    public init(operations: [SyncOperation]) { self.operations = operations }

    enum CodingKeys: String, CodingKey { case operations }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operations = try container.decode([SyncOperation].self, forKey: .operations)
        func refuse(_ path: [CodingKey], _ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: path, debugDescription: message))
        }
        if operations.count > WireLimits.operationsPerPush {
            throw refuse([CodingKeys.operations], "\(operations.count) operations, more than \(WireLimits.operationsPerPush) in one push")
        }
        for (index, operation) in operations.enumerated() {
            if let problem = WireLimits.problem(in: operation) {
                throw refuse([CodingKeys.operations, IndexKey(intValue: index)], problem)
            }
        }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

public enum OperationOutcome: String, Codable, Sendable {
    /// Every field applied or merged silently.
    case applied
    /// At least one field is now in conflict (the loser is kept in the report).
    case conflict
    /// Never applied; kept in the report with its reason.
    case rejected
    /// At or below the high-water mark: acknowledged again, without effect.
    case duplicate
}

public struct OperationResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var outcome: OperationOutcome
    public var detail: String?
    public init(seq: Int64, outcome: OperationOutcome, detail: String?) {
        self.seq = seq
        self.outcome = outcome
        self.detail = detail
    }
}

public struct PushResponse: Codable, Sendable {
    /// The node's high-water mark after the batch.
    public var acknowledged: Int64
    /// The server revision once the batch is applied: a pull that reaches it shows the batch's effects.
    public var revision: Int64
    public var results: [OperationResult]
    /// The server database's identity, new in each backup copy: a node that sees it change knows the
    /// server was restored, pulls everything again and resends what the server no longer holds.
    public var epoch: String?
    /// The audit log's last entry as `id:hash`: nodes keep the latest they saw, so that a log truncated
    /// or rewritten on the server is found (`ardoise-server check --witness`).
    public var auditHead: String?
    public init(acknowledged: Int64, revision: Int64, results: [OperationResult], epoch: String? = nil,
                auditHead: String? = nil) {
        self.acknowledged = acknowledged
        self.revision = revision
        self.results = results
        self.epoch = epoch
        self.auditHead = auditHead
    }
}

/// One central change a node pulls: a field of a sheet, a lot's status, or a conflict report entry.
public struct Change: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case field, lot, conflict }

    public var rev: Int64
    public var kind: Kind
    public var epreuve: String
    public var lot: String?
    public var candidate: String?
    public var field: String?
    public var value: String?
    public var author: String?
    public var hlc: HLC?
    public var conflict: ConflictRecord?

    public init(rev: Int64, kind: Kind, epreuve: String, lot: String? = nil, candidate: String? = nil,
                field: String? = nil, value: String? = nil, author: String? = nil, hlc: HLC? = nil,
                conflict: ConflictRecord? = nil) {
        self.rev = rev
        self.kind = kind
        self.epreuve = epreuve
        self.lot = lot
        self.candidate = candidate
        self.field = field
        self.value = value
        self.author = author
        self.hlc = hlc
        self.conflict = conflict
    }
}

public struct PullResponse: Codable, Sendable {
    public var changes: [Change]
    /// The cursor to ask from next time; store it with the page, in one transaction.
    public var cursor: Int64
    public var more: Bool
    /// The version of the reference data; when it moves the node fetches `/v1/reference` again.
    public var referenceVersion: Int64
    /// The server database's identity; a new one means it was restored from a backup (see PushResponse).
    public var epoch: String?
    public init(changes: [Change], cursor: Int64, more: Bool, referenceVersion: Int64, epoch: String? = nil) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
        self.referenceVersion = referenceVersion
        self.epoch = epoch
    }
}

/// Every refusal is a JSON object with one line of message.
public struct ErrorBody: Codable, Sendable {
    public var error: String
    /// What a program can act on: `sequence-gap` (resend from `expected`), `operation-mismatch` (this
    /// node's folder was restored from an old copy: enrol again).
    public var code: String?
    public var expected: Int64?
    public init(error: String, code: String? = nil, expected: Int64? = nil) {
        self.error = error
        self.code = code
        self.expected = expected
    }
}

/// The codes of `ErrorBody`.
public enum ErrorCode {
    public static let sequenceGap = "sequence-gap"
    public static let operationMismatch = "operation-mismatch"
}
