/// What a node keeps to check an examiner's secret offline: a salted, slow hash (PBKDF2-HMAC-SHA256),
/// never the secret itself (ARCHITECTURE "Trust", ASVS 2.4); and the salt of the key that signs the
/// examiner's operations, which the node derives from the typed secret at each action and never keeps
/// (the server keeps the key itself and never sends it).
public struct ExaminerCredential: Codable, Sendable, Equatable {
    public var examiner: String
    public var salt: String
    public var iterations: Int
    public var hash: String
    /// Salt (hex) of the proof key, derived with PBKDF2 at `iterations` rounds (`ExaminerProof`). Absent from
    /// a credential issued before operations were signed: that examiner needs a new secret.
    public var proofSalt: String?

    public init(examiner: String, salt: String, iterations: Int, hash: String, proofSalt: String? = nil) {
        self.examiner = examiner
        self.salt = salt
        self.iterations = iterations
        self.hash = hash
        self.proofSalt = proofSalt
    }
}
