import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

extension CentralStore {
    /// PBKDF2 rounds of a verifier: the secret is random (40 bits), so the rounds only need to make a
    /// stolen verifier slow to test, while an examiner's action on a lab PC stays quick.
    public static let credentialIterations = 60_000

    /// Issues (or reissues) an examiner's secret and returns it, to hand over once; only its verifier is
    /// kept. Nodes of the examiner's centre pull the verifier at their next sync.
    public func issueCredential(examiner: String, by actor: String = "manager") throws -> String {
        let secret = try Digest.randomCode(groups: 2, length: 4)
        let salt = try Digest.randomBytes(16)
        let hash = Digest.pbkdf2(secret: secret, salt: salt, iterations: Self.credentialIterations)
        try write { db in
            guard try db.scalarText("SELECT id FROM examiners WHERE id = ?", [.text(examiner)]) != nil else {
                throw ServerError.notFound("unknown examiner \(examiner)")
            }
            try db.run("""
                INSERT INTO credentials(examiner, salt, iterations, hash, issued_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(examiner) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations,
                    hash = excluded.hash, issued_at = excluded.issued_at
                """, [.text(examiner), .text(Digest.hex(salt)), .int(Int64(Self.credentialIterations)), .text(hash),
                      .text(Date().formatted(.iso8601))])
            try db.bumpReferenceVersion()
            try db.audit(actor: actor, action: "credential", detail: "secret issued for examiner \(examiner)")
        }
        return secret
    }
}
