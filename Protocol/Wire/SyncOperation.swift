/// What a user action asks of the central state. `lock` takes a lot; the others a candidate's sheet.
public enum OperationKind: String, Codable, Sendable {
    case grade, attendance, lock
}

/// One user action recorded in a node's outbox (ARCHITECTURE "The node"): node id, contiguous sequence
/// number from 1, clock, author, kind, entity key, the server revision of each field as the node last
/// saw it (`base`), and the new values.
public struct SyncOperation: Codable, Sendable, Equatable {
    public var node: String
    public var seq: Int64
    public var hlc: HLC
    public var author: String
    public var kind: OperationKind
    public var epreuve: String
    public var lot: String
    public var candidate: String?
    public var base: [String: Int64]
    public var values: [String: String]
    /// Proof that the author knew their secret: HMAC-SHA256, as 64 hex digits, of `signedText` under a key
    /// derived from the secret (`ExaminerProof`, ArdoiseSupport). The server checks it; an operation
    /// without a valid one is rejected as not authorised.
    public var proof: String?

    public init(node: String, seq: Int64, hlc: HLC, author: String, kind: OperationKind, epreuve: String,
                lot: String, candidate: String?, base: [String: Int64], values: [String: String], proof: String? = nil) {
        self.node = node
        self.seq = seq
        self.hlc = hlc
        self.author = author
        self.kind = kind
        self.epreuve = epreuve
        self.lot = lot
        self.candidate = candidate
        self.base = base
        self.values = values
        self.proof = proof
    }
}

/// Lot states; a lot operation carries `status` in its values.
public enum LotStatus: String, Codable, Sendable {
    case open, locked
}

public enum LotField {
    public static let status = "status"
}
