import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Examiners' secrets: issued centrally and handed over once; only a PBKDF2 verifier is kept, which the
/// nodes of the centres where the examiner examines pull to check the secret offline, and the key that checks the proof
/// each of the examiner's operations carries (never sent to nodes).
public struct CredentialIssuer: Sendable {
    let store: CentralStore
    let clock: WallClock
    let random: RandomSource
    /// `iterations` unless a test asked for fewer (`Central.credentialRounds`).
    let rounds: Int

    /// PBKDF2 rounds of a verifier and of a proof key: the secret is random (60 bits), so the rounds only
    /// need to make a stolen verifier slow to test, while an examiner's action on a lab PC stays quick
    /// (two derivations: the check, then the key that signs).
    public static let iterations = 60_000

    /// Secrets: 3 groups of 4 characters of a 32-letter alphabet, 60 bits.
    public static let groups = 3
    public static let groupLength = 4

    /// Issues (or reissues) an examiner's secret and returns it; nodes pull the verifier and the proof
    /// salt at their next sync. The proof key stays here: it checks every operation of the examiner.
    public func issue(examiner: String, by actor: String = "manager") throws -> String {
        let secret = try random.code(groups: Self.groups, length: Self.groupLength)
        let salt = try random.bytes(16)
        let proofSalt = try random.bytes(16)
        let hash = Digest.pbkdf2(secret: secret, salt: salt, iterations: rounds)
        let proofKey = ExaminerProof.key(secret: secret, salt: proofSalt, iterations: rounds)
        guard !hash.isEmpty, proofKey.count == 32 else { throw ServerError(500, "libcrypto could not derive the credential") }
        try store.write { db in
            guard try db.scalarText("SELECT id FROM examiners WHERE id = ?", [.text(examiner)]) != nil else {
                throw ServerError.notFound("unknown examiner \(examiner)")
            }
            try db.run("""
                INSERT INTO credentials(examiner, salt, iterations, hash, issued_at, proof_salt, proof_key)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(examiner) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations,
                    hash = excluded.hash, issued_at = excluded.issued_at, proof_salt = excluded.proof_salt,
                    proof_key = excluded.proof_key
                """, [.text(examiner), .text(Digest.hex(salt)), .int(Int64(rounds)), .text(hash),
                      .text(clock.iso8601), .text(Digest.hex(proofSalt)), .text(Digest.hex(proofKey))])
            try Meta(db: db).bumpReferenceVersion()
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor, action: "credential",
                                                      detail: "secret issued for examiner \(examiner)")
        }
        return secret
    }

    /// The key that checks an examiner's operations; nil when none was issued with one.
    static func proofKey(examiner: String, _ db: Database) throws -> [UInt8]? {
        try db.scalarText("SELECT proof_key FROM credentials WHERE examiner = ?", [.text(examiner)])
            .flatMap { Digest.bytes(hex: $0) }
    }

    /// The verifiers of the examiners a centre's nodes know (`ReferenceFeed`).
    static func verifiers(examiners: [String], _ db: Database) throws -> [ExaminerCredential] {
        try examiners.sorted().compactMap { id in
            try db.row("SELECT examiner, salt, iterations, hash, proof_salt FROM credentials WHERE examiner = ?", [.text(id)]).map {
                ExaminerCredential(examiner: try $0.string("examiner"), salt: try $0.string("salt"),
                                   iterations: try $0.int("iterations"), hash: try $0.string("hash"),
                                   proofSalt: try $0.optionalString("proof_salt"))
            }
        }
    }
}
