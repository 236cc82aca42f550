import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Testing

/// Issue 3 item 2: examiners' secrets are issued centrally; only verifiers reach the nodes.
@Suite struct CredentialTests {
    @Test func aVerifierReachesTheExaminersCentreOnly() throws {
        let fixture = try Fixture()
        let before = try fixture.central.reference.snapshot(centre: Fixture.centre).version
        let secret = try fixture.central.credentials.issue(examiner: "E1")
        _ = try fixture.central.credentials.issue(examiner: "E9")
        let reference = try fixture.central.reference.snapshot(centre: Fixture.centre)
        #expect(reference.version > before, "nodes learn of it at their next pull")
        let verifier = try #require(reference.credentials?.first)
        #expect(reference.credentials?.map(\.examiner) == ["E1"])
        #expect(verifier.hash != secret && !verifier.hash.contains(secret))
        let salt = try #require(Digest.bytes(hex: verifier.salt))
        #expect(salt.count == 16)
        #expect(Digest.pbkdf2(secret: secret, salt: salt, iterations: verifier.iterations) == verifier.hash)
        #expect(verifier.iterations == CredentialIssuer.iterations)
    }

    @Test func reissuingReplacesTheSecretAndUnknownExaminersAreRefused() throws {
        let fixture = try Fixture()
        let first = try fixture.central.credentials.issue(examiner: "E1")
        let second = try fixture.central.credentials.issue(examiner: "E1")
        #expect(first != second)
        #expect(try fixture.central.reference.snapshot(centre: Fixture.centre).credentials?.count == 1)
        #expect(throws: ServerError.self) { try fixture.central.credentials.issue(examiner: "NOBODY") }
        #expect(try fixture.central.audit.entries().filter { $0.action == "credential" }.count == 2)
    }
}
