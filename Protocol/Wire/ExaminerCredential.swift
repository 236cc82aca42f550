/// What a node keeps to check an examiner's secret offline: a salted, slow hash (PBKDF2-HMAC-SHA256),
/// never the secret itself (ARCHITECTURE "Trust", ASVS 2.4).
public struct ExaminerCredential: Codable, Sendable, Equatable {
    public var examiner: String
    public var salt: String
    public var iterations: Int
    public var hash: String

    public init(examiner: String, salt: String, iterations: Int, hash: String) {
        self.examiner = examiner
        self.salt = salt
        self.iterations = iterations
        self.hash = hash
    }
}
