import ArdoiseProtocol
import ArdoiseServer
import Testing

/// ARCHITECTURE "The wire": push applied exactly once, gaps refused, pulls paged and scoped.
@Suite struct SyncGuaranteeTests {
    @Test func aBatchSentTwiceIsAppliedOnce() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        let batch = [ops.fullGrade("K1"), ops.make(candidate: "K2", ["subject": "S2"])]
        let first = try fixture.central.push.push(node: node, operations: batch)
        let changesAfterFirst = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 2000).changes.count
        let again = try fixture.central.push.push(node: node, operations: batch)
        #expect(first.acknowledged == 2 && again.acknowledged == 2)
        #expect(again.results.map(\.outcome) == [.duplicate, .duplicate])
        #expect(try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 2000).changes.count == changesAfterFirst)
        // A retry that overlaps the acknowledged part and goes further applies only the new operation.
        let third = ops.make(candidate: "K2", ["level.S1.APP": "B"])
        let overlap = try fixture.central.push.push(node: node, operations: [batch[1], third])
        #expect(overlap.results.map(\.outcome) == [.duplicate, .applied] && overlap.acknowledged == 3)
        let summary = try #require(try fixture.central.nodes.all().first { $0.id == node.id })
        #expect(summary.acknowledged == 3 && summary.received == 3 && summary.revoked == nil)
    }

    @Test func aGapRefusesTheWholeBatchAndChangesNothing() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        let one = ops.make(["subject": "S1"])
        _ = ops.make(["subject": "S2"])  // seq 2 never sent
        let three = ops.make(candidate: "K2", ["subject": "S1"])
        #expect(throws: ServerError.self) { try fixture.central.push.push(node: node, operations: [one, three]) }
        #expect(try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 100).changes.isEmpty)
        #expect(try fixture.central.push.push(node: node, operations: [one]).acknowledged == 1)
    }

    @Test func anOperationClaimingAnotherNodeIsRefused() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsB = OperationMaker(b)
        let error = #expect(throws: ServerError.self) { try fixture.central.push.push(node: a, operations: [opsB.make(["subject": "S1"])]) }
        #expect(error?.status == 403)
    }

    @Test func pullIsPagedAndScopedToTheNodesCentre() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (far, _) = try fixture.enrol(centre: Fixture.otherCentre)
        var opsA = OperationMaker(a)
        var opsFar = OperationMaker(far)
        _ = try fixture.central.push.push(node: a, operations: [opsA.fullGrade("K1")])  // 5 field changes
        _ = try fixture.central.push.push(node: far, operations: [opsFar.make(author: "E9", lot: "L9", candidate: "K9", ["subject": "S1"])])
        var cursor: Int64 = 0
        var seen: [Change] = []
        var pages = 0
        while true {
            let page = try fixture.central.pull.pull(centre: Fixture.centre, after: cursor, limit: 2)
            seen += page.changes
            pages += 1
            #expect(page.cursor >= cursor)
            cursor = page.cursor
            if !page.more { break }
        }
        #expect(seen.count == 5 && pages == 3)
        #expect(seen.allSatisfy { $0.candidate == "K1" })
        #expect(Set(seen.map(\.rev)).count == 5)
        // The final cursor is past the other centre's change too: nothing left to ask for.
        #expect(try fixture.central.pull.pull(centre: Fixture.centre, after: cursor, limit: 2).changes.isEmpty)
        // The other centre's grade set its subject and, as grading implies, attendance PRESENT.
        #expect(try fixture.central.pull.pull(centre: Fixture.otherCentre, after: 0, limit: 10).changes.map(\.field)
            == ["attendance", "subject"])
    }

    @Test func enrolmentCodesAreSingleUseAndTokensAreChecked() throws {
        let fixture = try Fixture()
        let code = try fixture.central.enrolment.issueCode(centre: Fixture.centre)
        let enrolled = try fixture.central.enrolment.enrol(code: code.code, label: "PC 1")
        #expect(try fixture.central.authentication.authenticate(token: enrolled.token) == NodeIdentity(id: enrolled.node, centre: Fixture.centre))
        #expect(throws: ServerError.self) { try fixture.central.enrolment.enrol(code: code.code, label: "PC 2") }
        #expect(throws: ServerError.self) { try fixture.central.enrolment.enrol(code: "AAAA-BBBB-CCCC", label: "PC 3") }
        #expect(try fixture.central.authentication.authenticate(token: "not-a-token") == nil)
        let expired = try fixture.central.enrolment.issueCode(centre: Fixture.centre, validFor: -1)
        let error = #expect(throws: ServerError.self) { try fixture.central.enrolment.enrol(code: expired.code, label: "PC 4") }
        #expect(error?.message.contains("expired") == true)
    }

    /// Issue 8 item 5: a number the server holds must carry the same operation; a gap says where to resume.
    @Test func aReusedNumberIsRefusedAndAGapSaysWhereToResume() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        let first = ops.make(["subject": "S1"])
        _ = try fixture.central.push.push(node: a, operations: [first])
        #expect(try fixture.central.push.push(node: a, operations: [first]).results.map(\.outcome) == [.duplicate])
        var other = first
        other.values = ["subject": "S2"]
        let reused = #expect(throws: ServerError.self) { try fixture.central.push.push(node: a, operations: [other]) }
        #expect(reused?.status == 409 && reused?.code == ErrorCode.operationMismatch)
        _ = ops.make(["subject": "S2"])
        let gap = #expect(throws: ServerError.self) { try fixture.central.push.push(node: a, operations: [ops.make(["subject": "S1"])]) }
        #expect(gap?.code == ErrorCode.sequenceGap && gap?.expected == 2)
        #expect(try fixture.central.nodes.receivedOperations(node: a.id) == [1])
    }
}
