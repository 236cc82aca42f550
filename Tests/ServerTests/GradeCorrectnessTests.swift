import ArdoiseProtocol
import ArdoiseServer
import Testing

/// Issue 7: grades stay right through the real store — subjects never mix grids (D11), one decision per
/// disputed field, no lock over a disputed grade (D12), the tie-break on node numbers.
@Suite struct GradeCorrectnessTests {
    func status(_ fixture: Fixture, _ candidate: String) throws -> SheetStatus {
        SheetRules.status(of: try fixture.central.sheet(candidate), in: Fixture.session().epreuves[0])
    }

    @Test func d11ASubjectChangeKeepsTheOldLevelsButCountsNone() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.fullGrade("K1", subject: "S1", level: "B")])
        #expect(try status(fixture, "K1") == .graded(score: 14))
        // Both subjects use the codes APP/ANA/REA: the new subject starts empty.
        _ = try fixture.central.push.push(node: a, operations: [ops.make(["subject": "S2"])])
        #expect(try status(fixture, "K1") == .notGraded)
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "B", "the S1 levels are kept")
        _ = try fixture.central.push.push(node: a, operations: [ops.make(["subject": "S1"])])
        #expect(try status(fixture, "K1") == .graded(score: 14))
    }

    @Test func d11TwoOfflinePCsOnTwoSubjectsNeverMixTheirGrids() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 1_000)
        var opsB = OperationMaker(b, wall: 2_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.APP": "A", "level.ANA": "A"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S2", "level.REA": "A"])])
        let sheet = try fixture.central.sheet("K1")
        #expect(sheet["subject"] == "S2" && sheet["level.S1.APP"] == "A" && sheet["level.S2.REA"] == "A")
        // Only the subject is disputed, and whichever subject stands, its own levels alone count.
        let entries = try fixture.central.conflicts.all()
        #expect(entries.map(\.field) == ["subject"])
        #expect(try status(fixture, "K1") == .partial(filled: 1, of: 3))
        _ = try fixture.central.conflicts.resolve(conflict: entries[0].id, keep: "S1", by: .person("COORD"))
        #expect(try status(fixture, "K1") == .partial(filled: 2, of: 3))
    }

    @Test func aFieldWrittenByThreePCsHasOneEntryListingEveryValue() throws {
        let fixture = try Fixture()
        let nodes = try (0..<3).map { _ in try fixture.enrol().node }
        var makers = nodes.enumerated().map { OperationMaker($0.element, wall: 1_000 * Int64($0.offset + 1)) }
        for index in 0..<3 {
            let value = ["A", "B", "C"][index]
            let author = ["E1", "E2", "E1"][index]
            _ = try fixture.central.push.push(node: nodes[index], operations: [
                makers[index].make(author: author, ["subject": "S1", "level.APP": value]),
            ])
        }
        let entries = try fixture.central.conflicts.all().filter { $0.field == "level.S1.APP" }
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.competing?.compactMap(\.value) == ["A", "B", "C"])
        #expect(entry.competing?.last?.operation == "\(nodes[2].id)#1")
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "C" && entry.winner == "other")
        // One resolution closes it; there is no second entry left to undo it.
        _ = try fixture.central.conflicts.resolve(conflict: entry.id, keep: "B", by: .person("COORD"))
        #expect(try fixture.central.conflicts.all().filter { $0.status == .open && $0.field == "level.S1.APP" }.isEmpty)
        #expect(try fixture.central.sheet("K1")["level.S1.APP"] == "B")
    }

    @Test func aResolutionMustStartFromTheFieldAsItNowStands() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 1_000)
        var opsB = OperationMaker(b, wall: 5_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.REA": "A"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.REA": "D"])])
        let entry = try #require(try fixture.central.conflicts.all().first)
        // B, the provisional winner, corrects its own value afterwards: the field moved past the entry.
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["level.REA": "C"])])
        let stale = #expect(throws: ServerError.self) {
            try fixture.central.conflicts.resolve(conflict: entry.id, keep: "server", by: .person("COORD"))
        }
        #expect(stale?.status == 409 && stale?.message.contains("is now 'C'") == true)
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "C")
        _ = try fixture.central.conflicts.resolve(conflict: entry.id, keep: "server", by: .person("COORD"), from: "C")
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "A")
    }

    @Test func d12NoLockOverADisputedGrade() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 1_000)
        var opsB = OperationMaker(b, wall: 5_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.fullGrade("K1"), opsA.fullGrade("K2")])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", candidate: "K2", ["level.APP": "D"])])
        let lock = try fixture.central.push.push(node: a, operations: [opsA.make(kind: .lock, candidate: nil, ["status": "locked"])])
        #expect(lock.results.map(\.outcome) == [.rejected])
        #expect(lock.results[0].detail?.contains("1 candidate with a disputed grade: K2") == true)
        #expect(try fixture.central.progress.summaries().first { $0.id == "L1" }?.status == .open)
    }

    @Test func onEqualClocksNodeNumbersCompareAsNumbers() throws {
        let fixture = try Fixture()
        let nodes = try (1...10).map { _ in try fixture.enrol().node }
        #expect(nodes[8].id == "C1-N9" && nodes[9].id == "C1-N10")
        var nine = OperationMaker(nodes[8], wall: 7_000)
        var ten = OperationMaker(nodes[9], wall: 7_000)
        _ = try fixture.central.push.push(node: nodes[9], operations: [ten.make(["subject": "S2"])])
        _ = try fixture.central.push.push(node: nodes[8], operations: [nine.make(author: "E2", ["subject": "S1"])])
        let entry = try #require(try fixture.central.conflicts.all().first)
        #expect(entry.winner == "server" && entry.server.node == "C1-N10")
        #expect(try fixture.central.sheet("K1")["subject"] == "S2")
    }

    @Test func aRefusedLockShowsNoClockItNeverHad() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.make(kind: .lock, candidate: nil, ["status": "locked"])])
        let entry = try #require(try fixture.central.conflicts.all().first)
        #expect(entry.kind == .lockRefused && entry.server.at.isEmpty && !entry.node.at.isEmpty)
    }
}
