import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Signs an action with its examiner's secret (ARCHITECTURE "Trust"): the key is derived from the
/// secret typed for this action and the proof salt pulled with the verifier, used once and overwritten.
/// Neither the secret nor the key is ever written: a copy of `node.sqlite` holds only salts and the
/// verifier, so it lets no one sign as an examiner without finding the secret first.
struct OperationSigner {
    let store: NodeStore

    func sign(_ operation: inout SyncOperation, secret: String) throws {
        let examiner = operation.author
        guard let row = try store.database.row("SELECT iterations, proof_salt FROM credentials WHERE examiner = ?",
                                               [.text(examiner)]) else {
            throw NodeError(.noCredential, "no credential on this node for examiner \(examiner)")
        }
        guard let saltText = try row.optionalString("proof_salt"), let salt = Digest.bytes(hex: saltText) else {
            throw NodeError(.noCredential, "the credential of \(examiner) on this node cannot sign operations",
                            hint: "ask for a new secret (ardoise-server credential), then sync")
        }
        var key = ExaminerProof.key(secret: secret, salt: salt, iterations: try row.int("iterations"))
        defer { for index in key.indices { key[index] = 0 } }
        guard key.count == 32 else { throw NodeError(.noCredential, "cannot derive the signing key of \(examiner)") }
        operation.proof = ExaminerProof.sign(operation.signedBytes, key: key)
    }
}
