import ArdoiseProtocol
import ArdoiseSupport
import ArdoiseServer
import Testing

/// Each row of ARCHITECTURE "Merge", through the real push path and a real SQLite store.
@Suite struct MergeRuleTests {
    @Test func fastForwardAppliesAndAdvancesTheRevision() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        let first = try fixture.central.push.push(node: node, operations: [ops.make(["subject": "S1", "level.S1.APP": "B"])])
        #expect(first.results.map(\.outcome) == [.applied])
        let rev = try #require(try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 100).changes
            .last { $0.field == "level.S1.APP" }?.rev)
        // The node saw that revision: its next edit is a fast-forward, not a conflict.
        let second = try fixture.central.push.push(node: node, operations: [ops.make(base: ["level.S1.APP": rev], ["level.S1.APP": "C"])])
        #expect(second.results.map(\.outcome) == [.applied])
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "C")
        #expect(try fixture.central.conflicts.all().isEmpty)
    }

    @Test func convergentEditMergesSilently() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a)
        var opsB = OperationMaker(b)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S2", "attendance": "PRESENT"])])
        let result = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S2", "attendance": "PRESENT"])])
        #expect(result.results.map(\.outcome) == [.applied])
        #expect(try fixture.central.conflicts.all().isEmpty)
        #expect(try fixture.central.sheet("K1")["subject"] == "S2")
    }

    @Test func twoExaminersFillDifferentCompetenciesBothKept() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a)
        var opsB = OperationMaker(b)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "attendance": "PRESENT", "level.S1.APP": "A", "level.S1.ANA": "B"])])
        let result = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "attendance": "PRESENT", "level.S1.REA": "C"])])
        #expect(result.results.map(\.outcome) == [.applied])
        let sheet = try fixture.central.sheet("K1")
        #expect(sheet["level.S1.APP"] == "A" && sheet["level.S1.ANA"] == "B" && sheet["level.S1.REA"] == "C")
        #expect(try fixture.central.conflicts.all().isEmpty)
        // 4 + 4 + 4 points: the sheet is complete and graded.
        let summary = try #require(try fixture.central.progress.summaries().first { $0.id == "L1" })
        #expect(summary.done == 1 && summary.disputed == 0)
    }

    @Test func sameFieldDifferentValuesIsAConflictWonByTheLaterClock() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 5_000)  // A graded later in the day
        var opsB = OperationMaker(b, wall: 1_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.S1.REA": "A"])])
        let result = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.REA": "D"])])
        #expect(result.results.map(\.outcome) == [.conflict])
        let conflict = try #require(try fixture.central.conflicts.all().first)
        #expect(conflict.kind == .sameField && conflict.field == "level.S1.REA" && conflict.status == .open)
        #expect(conflict.server.value == "A" && conflict.server.author == "E1" && conflict.server.node == a.id)
        #expect(conflict.node.value == "D" && conflict.node.author == "E2" && conflict.node.node == b.id)
        #expect(conflict.winner == "server")
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "A")
        #expect(try #require(try fixture.central.progress.summaries().first { $0.id == "L1" }).disputed == 1)
    }

    @Test func onEqualClocksTheGreaterNodeIdWins() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()  // C1-N1
        let (b, _) = try fixture.enrol()  // C1-N2
        var opsA = OperationMaker(a, wall: 7_000)
        var opsB = OperationMaker(b, wall: 7_000)
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1"])])
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S2"])])
        let conflict = try #require(try fixture.central.conflicts.all().first)
        #expect(conflict.winner == "server" && conflict.server.node == b.id)
        #expect(conflict.rule.contains("greater node id"))
        #expect(try fixture.central.sheet("K1")["subject"] == "S1")
    }

    @Test func laterIncomingValueBecomesTheProvisionalWinnerAndTheLoserIsKept() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 1_000)
        var opsB = OperationMaker(b, wall: 9_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.S1.APP": "B"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.APP": "C"])])
        let conflict = try #require(try fixture.central.conflicts.all().first)
        #expect(conflict.winner == "node" && conflict.server.value == "B" && conflict.node.value == "C")
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "C")
    }

    @Test func editOnALotLockedCentrallyAfterTheBaseIsRejectedAndKept() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a)
        var opsB = OperationMaker(b)
        let lock = try fixture.central.push.push(node: a, operations: [
            opsA.fullGrade("K1"), opsA.fullGrade("K2", level: "B"),
            opsA.make(kind: .lock, candidate: nil, ["status": "locked"]),
        ])
        #expect(lock.results.map(\.outcome) == [.applied, .applied, .applied])
        let edit = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["level.S1.APP": "D"])])
        #expect(edit.results.map(\.outcome) == [.rejected])
        let entry = try #require(try fixture.central.conflicts.all().first)
        #expect(entry.kind == .lotLocked && entry.field == "level.S1.APP")
        #expect(entry.server.value == "A" && entry.node.value == "D" && entry.node.author == "E2")
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "A")

        // Keeping the node's value would change a grade inside the locked lot: refused until it is unlocked.
        let refused = #expect(throws: ServerError.self) {
            try fixture.central.conflicts.resolve(conflict: entry.id, keep: "node", by: .person("COORD"))
        }
        #expect(refused?.status == 409 && refused?.message.hasPrefix("lot L1 is locked: keeping 'D' would change") == true)
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "A" && fixture.central.conflicts.all().first?.resolution == nil)
        _ = try fixture.central.lots.unlock(lot: "L1", by: .person("COORD"), why: "E2 corrige APP de K1")
        _ = try fixture.central.conflicts.resolve(conflict: entry.id, keep: "node", by: .person("COORD"))
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "D")
    }

    @Test func attendanceAbsentAgainstAGradeEnteredElsewhereIsAConflict() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a)
        var opsB = OperationMaker(b, wall: 50_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.fullGrade("K2")])
        let result = try fixture.central.push.push(node: b, operations: [
            opsB.make(kind: .attendance, author: "E2", candidate: "K2", ["attendance": "AB"]),
        ])
        #expect(result.results.map(\.outcome) == [.conflict])
        let conflict = try #require(try fixture.central.conflicts.all().first)
        #expect(conflict.kind == .attendanceVersusGrade && conflict.kind.disputes)
        #expect(conflict.server.value == "PRESENT" && conflict.node.value == "AB")
        #expect(try #require(try fixture.central.progress.summaries().first { $0.id == "L1" }).disputed == 1)
    }

    @Test func aNodesLockIsRecheckedOnMerge() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        let result = try fixture.central.push.push(node: a, operations: [
            ops.fullGrade("K1"), ops.make(kind: .lock, candidate: nil, ["status": "locked"]),
        ])
        #expect(result.results.map(\.outcome) == [.applied, .rejected])
        let entry = try #require(try fixture.central.conflicts.all().first)
        #expect(entry.kind == .lockRefused && entry.rule.contains("K2"))
        #expect(try #require(try fixture.central.progress.summaries().first { $0.id == "L1" }).status == .open)
    }

    @Test func authorNotOfTheLotsGroupIsRejectedNotAuthorised() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        let result = try fixture.central.push.push(node: a, operations: [ops.make(author: "E3", ["subject": "S1"])])
        #expect(result.results.map(\.outcome) == [.rejected])
        #expect(try fixture.central.conflicts.all().first?.kind == .notAuthorised)
        #expect(try fixture.central.sheet("K1").isEmpty)
        // Nor can a node of one centre touch another centre's lot.
        let other = ops.make(author: "E9", lot: "L9", candidate: "K9", ["subject": "S1"])
        #expect(try fixture.central.push.push(node: a, operations: [other]).results.map(\.outcome) == [.rejected])
        #expect(try fixture.central.conflicts.all().filter { $0.kind == .notAuthorised }.count == 2)
    }

    @Test func invalidValuesAreRejectedAndKept() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        let result = try fixture.central.push.push(node: a, operations: [
            ops.make(["subject": "S7"]), ops.make(["level.APP": "A"]), ops.make(["subject": "S1", "level.S1.XYZ": "A"]),
        ])
        #expect(result.results.map(\.outcome) == [.rejected, .rejected, .rejected])
        #expect(result.results[1].detail?.contains("choose the subject") == true)
        #expect(try fixture.central.conflicts.all().allSatisfy { $0.kind == .invalid })
    }

    @Test func aClockFarInTheFutureIsRejectedNotAllowedToWinForEver() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a, wall: WallClock.system.millis + 48 * 3_600_000)
        let result = try fixture.central.push.push(node: a, operations: [ops.make(["subject": "S1"])])
        #expect(result.results.map(\.outcome) == [.rejected])
        #expect(result.results[0].detail?.contains("more than a day ahead") == true)
        #expect(try fixture.central.sheet("K1").isEmpty)
    }
}
