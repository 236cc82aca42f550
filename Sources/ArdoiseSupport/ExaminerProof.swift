import Foundation

/// The proof an operation carries that its examiner knew their secret (ARCHITECTURE "Trust"): an
/// HMAC-SHA256 of the operation's signed bytes under a key derived from the secret with PBKDF2.
/// The node derives the key from the secret typed for the action and forgets it; only the server keeps
/// it. The salt is prefixed with `context`, so the key is never the offline verifier's hash (a node holds
/// that one) even if both salts were the same bytes.
public enum ExaminerProof {
    public static let context = Array("ardoise operation proof v1:".utf8)

    /// The key an examiner's operations are signed with (32 bytes; empty if libcrypto refuses).
    /// The secret is read as the verifier reads it: trimmed, upper case.
    public static func key(secret: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        Digest.pbkdf2Bytes(secret: normalised(secret), salt: context + salt, iterations: iterations)
    }

    /// The secret as typed, the way it is checked: surrounding blanks dropped, letters in upper case.
    public static func normalised(_ secret: String) -> String {
        secret.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// The proof of `message` under `key`, as hex (64 digits).
    public static func sign(_ message: [UInt8], key: [UInt8]) -> String {
        Digest.hex(Digest.hmacSHA256(key: key, message: message))
    }

    /// Whether `proof` is the proof of `message` under `key`, compared in constant time.
    public static func verify(_ message: [UInt8], proof: String?, key: [UInt8]?) -> Bool {
        guard let proof, let key, key.count == 32 else { return false }
        let expected = sign(message, key: key)
        return expected.count == 64 && Digest.constantTimeEqual(expected, proof.lowercased())
    }
}
