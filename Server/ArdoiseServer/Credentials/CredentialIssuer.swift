import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Examiners' secrets: issued centrally and handed over once; only a PBKDF2 verifier is kept, which the
/// nodes of the examiner's centre pull to check the secret offline.
public struct CredentialIssuer: Sendable {
    let store: CentralStore
    let clock: WallClock
    let random: RandomSource

    /// PBKDF2 rounds of a verifier: the secret is random (40 bits), so the rounds only need to make a
    /// stolen verifier slow to test, while an examiner's action on a lab PC stays quick.
    public static let iterations = 60_000

    /// Issues (or reissues) an examiner's secret and returns it; nodes pull the verifier at their next sync.
    public func issue(examiner: String, by actor: String = "manager") throws -> String {
        let secret = try random.code(groups: 2, length: 4)
        let salt = try random.bytes(16)
        let hash = Digest.pbkdf2(secret: secret, salt: salt, iterations: Self.iterations)
        try store.write { db in
            guard try db.scalarText("SELECT id FROM examiners WHERE id = ?", [.text(examiner)]) != nil else {
                throw ServerError.notFound("unknown examiner \(examiner)")
            }
            try db.run("""
                INSERT INTO credentials(examiner, salt, iterations, hash, issued_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(examiner) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations,
                    hash = excluded.hash, issued_at = excluded.issued_at
                """, [.text(examiner), .text(Digest.hex(salt)), .int(Int64(Self.iterations)), .text(hash),
                      .text(clock.iso8601)])
            try Meta(db: db).bumpReferenceVersion()
            try AuditLog(db: db, clock: clock).append(actor: actor, action: "credential",
                                                      detail: "secret issued for examiner \(examiner)")
        }
        return secret
    }

    /// The verifiers of a centre's examiners, for its nodes.
    static func verifiers(centre: String, _ db: Database) throws -> [ExaminerCredential] {
        try db.rows("""
            SELECT c.examiner, c.salt, c.iterations, c.hash FROM credentials c JOIN examiners e ON e.id = c.examiner
            WHERE e.centre = ? ORDER BY c.examiner
            """, [.text(centre)]).map {
            ExaminerCredential(examiner: try $0.string("examiner"), salt: try $0.string("salt"),
                               iterations: try $0.int("iterations"), hash: try $0.string("hash"))
        }
    }
}
