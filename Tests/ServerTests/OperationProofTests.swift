import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Testing
import TestSupport

/// Issue 8 item 7: the server no longer trusts the author a node declares. Each operation carries an
/// HMAC made with a key derived from its examiner's secret; the server checks it with its own copy of
/// the key, and an operation without valid proof is rejected `not-authorised`, kept, and audited.
@Suite(.timeLimit(.minutes(1))) struct OperationProofTests {
    /// The review's forgery: a raw push with a valid node token, grading as another examiner of the
    /// group (E2) with no secret. Without proof, with a made-up proof, with E1's proof, or with E2's
    /// proof of other values: rejected, kept in the report naming E2, and nothing applied.
    @Test func aRawPushAsAnotherExaminerWithoutTheirSecretIsRejectedAndKept() throws {
        let fixture = try Fixture()
        let server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, log: { _ in })
        server.start()
        defer { server.stop() }
        let (node, token) = try fixture.enrol()
        var maker = OperationMaker(node)

        var none = maker.fullGrade("K1", author: "E2")
        none.proof = nil
        var madeUp = maker.fullGrade("K1", author: "E2", level: "B")
        madeUp.proof = String(repeating: "ab", count: 32)
        var othersKey = maker.fullGrade("K1", author: "E2", level: "C")
        othersKey.proof = ExaminerProof.sign(othersKey.signedBytes, key: ProofKeys.key(for: "E1"))
        var altered = maker.fullGrade("K2", author: "E2", level: "A")
        altered.values["level.S1.APP"] = "D"  // signed with A, sent with D

        let client = HTTPClient(connectTimeout: 2, totalTimeout: 10)
        let response = try client.send(method: "POST", url: server.url + "/v1/push",
                                       headers: [(name: "Authorization", value: "Bearer \(token)")],
                                       body: try JSONCoding.encode(PushRequest(operations: [none, madeUp, othersKey, altered])))
        #expect(response.status == 200)
        let pushed = try JSONCoding.decode(PushResponse.self, from: response.body)
        #expect(pushed.acknowledged == 4, "the node is never stuck: the mark advances")
        #expect(pushed.results.map(\.outcome) == [.rejected, .rejected, .rejected, .rejected])
        #expect(pushed.results.allSatisfy {
            $0.detail == "not-authorised: examiner E2 gave no valid proof of their secret for this operation"
        })
        #expect(try fixture.central.sheet("K1").isEmpty && fixture.central.sheet("K2").isEmpty)
        let kept = try fixture.central.conflicts.all()
        #expect(!kept.isEmpty && kept.allSatisfy { $0.kind == .notAuthorised && $0.rule.contains("examiner E2") })
        #expect(Set(kept.map(\.operation)).count == 4, "each forged operation is kept")
        #expect(try fixture.central.audit.entries().contains { $0.action == "merge" && $0.detail.contains("4 rejected") })

        // E2's own proof, as E2's lab PC makes it, applies.
        let genuine = maker.fullGrade("K1", author: "E2")
        #expect(try fixture.central.push.push(node: node, operations: [genuine]).results.map(\.outcome) == [.applied])
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "A")
    }

    /// An examiner whose credential predates signed operations (no proof key) cannot act until reissued.
    @Test func anExaminerWithoutAProofKeyCannotActUntilANewSecretIsIssued() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        try fixture.store.write { db in try db.run("UPDATE credentials SET proof_key = NULL WHERE examiner = 'E1'") }
        var maker = OperationMaker(node)
        #expect(try fixture.central.push.push(node: node, operations: [maker.make(["subject": "S1"])]).results.map(\.outcome)
                == [.rejected])
        _ = try Central(store: fixture.store, random: TestSecrets.random(for: "E1"), credentialRounds: TestSecrets.rounds)
            .credentials.issue(examiner: "E1")
        #expect(try fixture.central.push.push(node: node, operations: [maker.make(["subject": "S1"])]).results.map(\.outcome)
                == [.applied])
    }

    /// The proof covers what the examiner did, not the node's id and number: re-enrolment renumbers
    /// unsent operations under a new id, and they must still prove their author.
    @Test func theProofCoversEverythingButTheNodeAndItsNumber() throws {
        let node = NodeIdentity(id: "C1-N1", centre: Fixture.centre)
        var maker = OperationMaker(node)
        let signed = maker.fullGrade("K1")
        let key = ProofKeys.key(for: "E1")
        var renumbered = signed
        renumbered.node = "C1-N7"
        renumbered.seq = 42
        #expect(ExaminerProof.verify(renumbered.signedBytes, proof: renumbered.proof, key: key))
        let changes: [(inout SyncOperation) -> Void] = [
            { $0.author = "E2" }, { $0.lot = "L3" }, { $0.candidate = "K2" }, { $0.epreuve = "T011C" },
            { $0.kind = .attendance }, { $0.hlc = HLC(wall: $0.hlc.wall + 1) }, { $0.base["subject"] = 3 },
            { $0.values["comment"] = "ajouté" },
        ]
        for change in changes {
            var altered = signed
            change(&altered)
            #expect(!ExaminerProof.verify(altered.signedBytes, proof: altered.proof, key: key))
        }
    }
}
