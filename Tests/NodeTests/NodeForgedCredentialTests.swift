import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Testing
import TestSupport
@testable import ArdoiseNode

/// Issue 8 item 7: a lab PC's `node.sqlite` is not a key to act as an examiner. Whoever rewrites an
/// examiner's verifier there (1 round, a secret they chose) passes the node's offline check and records
/// an action, but cannot make the proof only the real secret gives: the server rejects the operation,
/// keeps it in the report naming the examiner, and the node hears of it at its next sync.
@Suite(.timeLimit(.minutes(2))) struct NodeForgedCredentialTests {
    @Test func aForgedVerifierLetsTheNodeRecordButTheServerRejects() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport)
        let forged = "AAAA-AAAA-AAAA"
        let salt: [UInt8] = Array(repeating: 1, count: 16)
        try fixture.node.store.database.run("UPDATE credentials SET salt = ?, iterations = 1, hash = ? WHERE examiner = 'ex1'",
                                            [.text(Digest.hex(salt)), .text(Digest.pbkdf2(secret: forged, salt: salt, iterations: 1))])
        try fixture.node.verifier.verify("ex1", secret: forged)
        try fixture.node.grading.grade(as: "ex1", secret: forged, epreuve: "T011B", candidate: "0231", subject: "S1",
                                       levels: NodeFixture.fullLevels)
        // The real examiner, on the same node, still acts.
        try fixture.node.grading.grade(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0232",
                                       subject: "S2")

        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.pushed == 2 && summary.rejected == 1 && summary.applied == 1)
        let entries = try central.central.conflicts.all()
        #expect(!entries.isEmpty && entries.allSatisfy {
            $0.kind == .notAuthorised && $0.rule.contains("examiner ex1 gave no valid proof of their secret for this operation")
        })
        let changes = try central.central.pull.pull(centre: "C1", after: 0, limit: 2000).changes
        #expect(!changes.contains { $0.kind == .field && $0.candidate == "0231" }, "nothing of the forged grade applied")
        #expect(try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231").fields.isEmpty)
    }

    /// Nothing a node stores signs: the outbox holds proofs, the credentials only salts and the verifier.
    @Test func theNodeStoresNeitherTheSecretNorTheKey() throws {
        let fixture = try NodeFixture()
        let secret = TestSecrets.secret(for: "ex1")
        let operation = try fixture.node.grading.grade(as: "ex1", secret: secret, epreuve: "T011B", candidate: "0231",
                                                       subject: "S1")
        let credential = NodeFixture.credential("ex1")
        let key = ExaminerProof.key(secret: secret, salt: try #require(credential.proofSalt.flatMap { Digest.bytes(hex: $0) }),
                                    iterations: credential.iterations)
        #expect(ExaminerProof.verify(operation.signedBytes, proof: operation.proof, key: key))
        let dump = try fixture.node.store.database.rows("SELECT * FROM credentials").flatMap { $0.values }.map { "\($0)" }
            + (try fixture.node.store.database.rows("SELECT body FROM outbox").flatMap { $0.values }.map { "\($0)" })
        #expect(!dump.contains { $0.contains(Digest.hex(key)) || $0.uppercased().contains(secret) })
    }
}
