import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Checks an examiner's secret offline against the verifier pulled beforehand (never the secret
/// itself). Wrong secrets are counted; past `attempts` in a row the examiner waits `lockout` seconds.
public struct ExaminerVerifier {
    let store: NodeStore
    let wall: WallClock

    public static let attempts = 5
    public static let lockout: Double = 300

    public func verify(_ examiner: String, secret: String) throws {
        let db = store.database
        guard let row = try db.row("SELECT salt, iterations, hash FROM credentials WHERE examiner = ?", [.text(examiner)]) else {
            throw NodeError(.noCredential, "no credential on this node for examiner \(examiner)")
        }
        let now = wall.seconds
        if let failed = try db.row("SELECT failures, last_failure FROM credential_failures WHERE examiner = ?",
                                   [.text(examiner)]) {
            let wait = try failed.double("last_failure") + Self.lockout - now
            if try failed.int64("failures") >= Self.attempts && wait > 0 {
                throw NodeError.refused("too many wrong secrets for \(examiner): try again in \(Int(wait.rounded(.up))) s")
            }
        }
        guard let salt = Digest.bytes(hex: try row.string("salt")) else {
            throw NodeError(.noCredential, "the credential of \(examiner) on this node is damaged")
        }
        let computed = Digest.pbkdf2(secret: ExaminerProof.normalised(secret),
                                     salt: salt, iterations: try row.int("iterations"))
        guard Digest.constantTimeEqual(computed, try row.string("hash")) else {
            try db.run("""
                INSERT INTO credential_failures(examiner, failures, last_failure) VALUES (?, 1, ?)
                ON CONFLICT(examiner) DO UPDATE SET failures = failures + 1, last_failure = excluded.last_failure
                """, [.text(examiner), .double(now)])
            throw NodeError.refused("wrong secret for examiner \(examiner); nothing was recorded")
        }
        try db.run("DELETE FROM credential_failures WHERE examiner = ?", [.text(examiner)])
    }
}
