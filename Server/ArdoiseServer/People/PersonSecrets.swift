import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Personal secrets of the people who act centrally: issued by the manager and handed over once; only a
/// PBKDF2 verifier is kept. Reissuing replaces the verifier and ends the person's open sessions.
public struct PersonSecrets: Sendable {
    let store: CentralStore
    let clock: WallClock
    let random: RandomSource
    /// `CredentialIssuer.iterations` but in tests (`Central.credentialRounds`).
    let rounds: Int

    /// Issues (or reissues) the secret of a known person (coordinator, examiner or staff) and returns it:
    /// 60 bits in 3 groups of 4, as examiners' secrets.
    public func issue(person: String, by actor: String = "manager") throws -> String {
        let secret = try random.code(groups: CredentialIssuer.groups, length: CredentialIssuer.groupLength)
        let salt = try random.bytes(16)
        let hash = Digest.pbkdf2(secret: secret, salt: salt, iterations: rounds)
        guard !hash.isEmpty else { throw ServerError(500, "libcrypto could not derive the verifier") }
        try store.write { db in
            guard try AccessGrants(db: db).isKnown(person) else {
                throw ServerError.notFound("unknown person \(person): neither a coordinator, an examiner nor in the staff directory")
            }
            try db.run("""
                INSERT INTO person_secrets(person, salt, iterations, hash, issued_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(person) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations,
                    hash = excluded.hash, issued_at = excluded.issued_at
                """, [.text(person), .text(Digest.hex(salt)), .int(Int64(rounds)), .text(hash), .text(clock.iso8601)])
            // Whoever held the old secret loses what it opened.
            try db.run("DELETE FROM person_sessions WHERE person = ?", [.text(person)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor, action: "person-secret", detail: "personal secret issued for \(person)")
        }
        return secret
    }

    /// Whether `secret` is `person`'s; false for a person without a secret. Typed case and spaces do not count.
    func verify(person: String, secret: String, _ db: Database) throws -> Bool {
        guard let row = try db.row("SELECT salt, iterations, hash FROM person_secrets WHERE person = ?", [.text(person)]),
              let salt = Digest.bytes(hex: try row.string("salt")) else {
            // As long as a real check, so that the answer's time does not tell who has a secret.
            _ = Digest.pbkdf2(secret: secret, salt: Array(repeating: 0, count: 16), iterations: rounds)
            return false
        }
        let typed = ExaminerProof.normalised(secret)
        let computed = Digest.pbkdf2(secret: typed, salt: salt, iterations: try row.int("iterations"))
        return Digest.constantTimeEqual(computed, try row.string("hash"))
    }
}
