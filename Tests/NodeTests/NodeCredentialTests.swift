import ArdoiseProtocol
import ArdoiseSupport
import Testing
@testable import ArdoiseNode

/// Issue 3 item 2: the node checks an examiner's secret offline against a pulled verifier, and limits
/// wrong tries.
@Suite struct NodeCredentialTests {
    static let salt: [UInt8] = Array(0..<16)

    func fixture() throws -> NodeFixture {
        let fixture = try NodeFixture(install: false)
        var reference = NodeFixture.reference
        reference.credentials = [ExaminerCredential(examiner: "ex1", salt: Digest.hex(Self.salt), iterations: 1_000,
                                                    hash: Digest.pbkdf2(secret: "ABCD-EFGH", salt: Self.salt, iterations: 1_000))]
        try fixture.node.enrolment.install(reference: reference, node: "N1", centre: "C1", token: "t", server: "http://127.0.0.1:1")
        return fixture
    }

    /// Checks a secret at a wall-clock time the test sets: no sleeping.
    static func verify(_ node: Node, _ examiner: String, _ secret: String, at seconds: Double) throws {
        try ExaminerVerifier(store: node.store, wall: WallClock { seconds }).verify(examiner, secret: secret)
    }

    @Test func theRightSecretPassesAndTheVerifierIsNotTheSecret() throws {
        let fixture = try fixture()
        try fixture.node.verifier.verify("ex1", secret: "ABCD-EFGH")
        try fixture.node.verifier.verify("ex1", secret: " abcd-efgh\n")  // typed in lower case
        let stored = try fixture.node.store.database.rows("SELECT salt, hash FROM credentials").flatMap { $0.values }
        #expect(!stored.contains(.text("ABCD-EFGH")))
    }

    @Test func aWrongSecretIsRefusedAndAnExaminerWithoutVerifierCannotAct() throws {
        let fixture = try fixture()
        let wrong = try refusal(fixture) { try $0.verifier.verify("ex1", secret: "ABCD-EFGX") }
        #expect(wrong.message == "wrong secret for examiner ex1; nothing was recorded")
        let none = try refusal(fixture) { try $0.verifier.verify("ex2", secret: "ABCD-EFGH") }
        #expect(none.message.contains("no credential on this node for examiner ex2"))
    }

    @Test func fiveWrongSecretsLockTheExaminerOutForAWhile() throws {
        let fixture = try fixture()
        let start = 1_000_000.0
        for _ in 0..<ExaminerVerifier.attempts {
            _ = try refusal(fixture) { try Self.verify($0, "ex1", "WRONG", at: start) }
        }
        let locked = try refusal(fixture) { try Self.verify($0, "ex1", "ABCD-EFGH", at: start + 10) }
        #expect(locked.message == "too many wrong secrets for ex1: try again in 290 s")
        try Self.verify(fixture.node, "ex1", "ABCD-EFGH", at: start + ExaminerVerifier.lockout + 1)
        // A success resets the count.
        _ = try refusal(fixture) { try Self.verify($0, "ex1", "WRONG", at: start + 400) }
        try Self.verify(fixture.node, "ex1", "ABCD-EFGH", at: start + 401)
    }
}
