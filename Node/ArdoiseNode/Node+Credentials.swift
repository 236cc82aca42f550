import ArdoiseProtocol
import ArdoiseSupport
import Foundation

extension Node {
    /// Wrong secrets in a row before an examiner is locked out on this node, and for how long.
    public static let credentialAttempts = 5
    public static let credentialLockout: Double = 300

    /// Checks an examiner's secret offline against the verifier pulled beforehand (never the secret
    /// itself). Wrong secrets are counted; past `credentialAttempts` in a row the examiner waits
    /// `credentialLockout` seconds (issue 3: rate limits on credential checks).
    public func verifyExaminer(_ examiner: String, secret: String, now: Double = Date().timeIntervalSince1970) throws {
        guard let row = try database.row("SELECT salt, iterations, hash FROM credentials WHERE examiner = ?", [.text(examiner)]) else {
            throw CLIError("no credential on this node for examiner \(examiner)",
                           hint: "the central manager issues one with `ardoise-server credential`; then run `ardoise sync`")
        }
        if let failed = try database.row("SELECT failures, last_failure FROM credential_failures WHERE examiner = ?",
                                         [.text(examiner)]) {
            let last: Double
            if case .double(let value) = failed.values[1] { last = value } else { last = Double(failed.integer(1)) }
            let wait = last + Self.credentialLockout - now
            if failed.integer(0) >= Self.credentialAttempts && wait > 0 {
                throw CLIError("too many wrong secrets for \(examiner): try again in \(Int(wait.rounded(.up))) s")
            }
        }
        guard let salt = Digest.bytes(hex: row.string(0)) else {
            throw CLIError("the credential of \(examiner) on this node is damaged", hint: "run `ardoise sync` to fetch it again")
        }
        let computed = Digest.pbkdf2(secret: secret.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(),
                                     salt: salt, iterations: Int(row.integer(1)))
        guard Digest.constantTimeEqual(computed, row.string(2)) else {
            try database.run("""
                INSERT INTO credential_failures(examiner, failures, last_failure) VALUES (?, 1, ?)
                ON CONFLICT(examiner) DO UPDATE SET failures = failures + 1, last_failure = excluded.last_failure
                """, [.text(examiner), .double(now)])
            throw CLIError("wrong secret for examiner \(examiner); nothing was recorded")
        }
        try database.run("DELETE FROM credential_failures WHERE examiner = ?", [.text(examiner)])
    }
}
