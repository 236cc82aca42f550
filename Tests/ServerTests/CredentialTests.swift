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
        // The fixture issued E1, E2 and E3 of C1 (and E9 of C2) already; E9 never reaches C1.
        #expect(reference.credentials?.map(\.examiner) == ["E1", "E2", "E3"])
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
        #expect(try fixture.central.reference.snapshot(centre: Fixture.centre).credentials?.count == 3)
        #expect(throws: ServerError.self) { try fixture.central.credentials.issue(examiner: "NOBODY") }
        #expect(try fixture.central.audit.entries().filter { $0.action == "credential" }.count == Fixture.examiners.count + 2)
    }

    /// Issue 8 item 8: 60-bit secrets, still typeable: 3 groups of 4 of a 32-letter alphabet.
    @Test func secretsAreSixtyBitsInThreeGroupsOfFour() throws {
        let fixture = try Fixture()
        let secrets = try (0..<20).map { _ in try fixture.central.credentials.issue(examiner: "E1") }
        for secret in secrets {
            #expect(secret.wholeMatch(of: /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/) != nil, "\(secret)")
        }
        #expect(Set(secrets).count == secrets.count)
        #expect(CredentialIssuer.groups * CredentialIssuer.groupLength * 5 == 60)
    }

    /// Issue 8 item 7: nodes get a proof salt, never the proof key; the key is not the verifier's hash
    /// and is what a node derives from the secret at action time.
    @Test func theProofKeyStaysOnTheServer() throws {
        let fixture = try Fixture()
        let secret = try fixture.central.credentials.issue(examiner: "E1")
        let reference = try fixture.central.reference.snapshot(centre: Fixture.centre)
        let credential = try #require(reference.credentials?.first { $0.examiner == "E1" })
        let proofSalt = try #require(credential.proofSalt.flatMap { Digest.bytes(hex: $0) })
        #expect(proofSalt.count == 16 && credential.proofSalt != credential.salt)
        let key = ExaminerProof.key(secret: secret, salt: proofSalt, iterations: credential.iterations)
        #expect(Digest.hex(key) != credential.hash)
        let sent = String(decoding: try JSONCoding.encode(reference), as: UTF8.self)
        #expect(!sent.contains(Digest.hex(key)) && !sent.contains("proof_key") && !sent.contains("proofKey"))
        // The node's derivation is the server's: an operation signed with it applies.
        let (node, _) = try fixture.enrol()
        var maker = OperationMaker(node)
        var operation = maker.make(["subject": "S1"])
        operation.proof = ExaminerProof.sign(operation.signedBytes, key: key)
        #expect(try fixture.central.push.push(node: node, operations: [operation]).results.map(\.outcome) == [.applied])
    }
}
