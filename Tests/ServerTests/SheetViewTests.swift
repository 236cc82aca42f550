import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 7: the coordinator sees the server's sheets and lots as the lab PCs show them, through the
/// real store.
@Suite struct SheetViewTests {
    @Test func aGradedSheetShowsEachLevelWithItsAuthorAndTimeAndTheTotal() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        let first = ops.make(["subject": "S1", "attendance": "PRESENT", "level.S1.APP": "B", "level.S1.ANA": "C"])
        let second = ops.make(author: "E2", ["level.S1.REA": "A", "comment": "bon\nprotocole"])
        _ = try fixture.central.push.push(node: node, operations: [first, second])

        let sheet = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K1")
        #expect(sheet.lot == "L1" && sheet.subject == "S1" && sheet.attendance?.value == "PRESENT")
        #expect(sheet.grid.map(\.competency) == ["APP", "ANA", "REA"])
        #expect(sheet.grid.map(\.level) == ["B", "C", "A"])
        #expect(sheet.grid.map(\.points) == [3, 2, 10])
        #expect(sheet.grid.map { $0.entry?.author } == ["E1", "E1", "E2"])
        #expect(sheet.grid[0].entry?.at == first.hlc.iso8601 && sheet.grid[2].entry?.at == second.hlc.iso8601)
        #expect(sheet.grid[2].entry?.node == node.id)
        #expect(sheet.total == 15 && sheet.status == "15/20" && sheet.done && !sheet.disputed)
        #expect(sheet.kept.isEmpty)

        let text = SheetText.sheet(sheet)
        #expect(text.contains("[C]  2/6   (E1 at \(first.hlc.iso8601), node \(node.id))"), "\(text)")
        #expect(text.contains("total: 15/20"))
        // A typed line break cannot forge a line of the printed sheet.
        #expect(text.contains("comment: bon\\nprotocole") && !text.contains("\nprotocole"))
    }

    @Test func aDisputedFieldIsMarkedWithItsOpenEntry() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 5_000)
        var opsB = OperationMaker(b, wall: 1_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.fullGrade("K1")])
        let result = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.REA": "D"])])
        #expect(result.results.map(\.outcome) == [.conflict])
        let entry = try #require(try fixture.central.conflicts.all().first { $0.field == "level.S1.REA" })

        let sheet = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K1")
        #expect(sheet.disputes.map(\.id) == [entry.id] && sheet.disputes.map(\.field) == ["level.S1.REA"])
        #expect(sheet.grid.first { $0.competency == "REA" }?.entry?.disputedBy == [entry.id])
        #expect(sheet.grid.first { $0.competency == "APP" }?.entry?.disputedBy == [])
        #expect(SheetText.sheet(sheet).contains("DISPUTED #\(entry.id)"))
        let lot = try fixture.central.sheets.lot("L1")
        #expect(lot.lines.map(\.disputed) == [true, false])

        // Resolved, the entry no longer marks the field, and the report's line shows the value kept.
        _ = try fixture.central.conflicts.resolve(conflict: entry.id, keep: "C", by: .person("COORD"))
        let settled = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K1")
        #expect(!settled.disputed && settled.grid[2].entry?.disputedBy == [] && settled.grid[2].level == "C")
        let now = try #require(try fixture.central.sheets.now(for: [entry]).first)
        #expect(SheetText.now(now) == "sheet now:  subject S1, total 14/20 (REA = C by COORD at \(now.value?.at ?? "?"))")
    }

    @Test func levelsOfAnotherSubjectAreListedApartAndNotCounted() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try fixture.central.push.push(node: node, operations: [
            ops.make(["subject": "S2", "attendance": "PRESENT", "level.S2.APP": "A", "level.S2.ANA": "A", "level.S2.REA": "A"]),
            ops.make(["subject": "S1", "level.S1.APP": "D"]),
        ])
        let sheet = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K1")
        #expect(sheet.subject == "S1" && sheet.subjectEntry?.value == "S1")
        #expect(sheet.kept.map(\.field) == ["level.S2.ANA", "level.S2.APP", "level.S2.REA"])
        #expect(sheet.kept.allSatisfy { $0.value == "A" && $0.author == "E1" })
        #expect(sheet.grid.compactMap(\.level) == ["D"])
        #expect(sheet.total == nil && sheet.status == "partial 1/3" && !sheet.done)
        let text = SheetText.sheet(sheet)
        #expect(text.contains("kept, not counted") && text.contains("level.S2.REA = A"))
        #expect(text.contains("total: partial 1/3"))
    }

    @Test func anAbsentCandidateHasNoTotal() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try fixture.central.push.push(node: node, operations: [ops.make(kind: .attendance, candidate: "K2", ["attendance": "AB"])])
        let sheet = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K2")
        #expect(sheet.absent && sheet.total == nil && sheet.status == "AB" && sheet.done)
        let text = SheetText.sheet(sheet)
        #expect(text.contains("attendance: AB (absent)") && text.contains("total: AB") && !text.contains("/20"))
    }

    @Test func aLotListsItsCandidatesInRollCallOrderWithTheirStatus() throws {
        let fixture = try Fixture()
        var session = Fixture.session()
        // Roll-call order is the session's, not the numbers' order.
        session.candidates.append(Candidate(number: "K0", centre: Fixture.centre, epreuves: ["T011B"]))
        session.lots[0].candidates = ["K2", "K0", "K1"]
        try fixture.central.sessions.load(session)
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try fixture.central.push.push(node: node, operations: [
            ops.fullGrade("K1", level: "B"),
            ops.make(kind: .attendance, candidate: "K2", ["attendance": "AB"]),
        ])
        let lot = try fixture.central.sheets.lot("L1")
        #expect(lot.epreuve == "T011B" && lot.centre == Fixture.centre && lot.group == "G1" && lot.status == .open)
        #expect(lot.lines.map(\.candidate) == ["K2", "K0", "K1"])
        #expect(lot.lines.map(\.status) == ["AB", "not graded", "14/20"])
        #expect(lot.lines.map(\.subject) == [nil, nil, "S1"] && lot.done == 2)
        let text = SheetText.lot(lot)
        #expect(text.hasPrefix("lot L1  épreuve T011B  centre C1  group G1  open\nK2"))
        #expect(text.hasSuffix("done 2/3"))
    }

    @Test func anUnknownLotOrACandidateOutsideTheEpreuvesLotsIs404() throws {
        let fixture = try Fixture()
        #expect(throws: ServerError.self) { try fixture.central.sheets.lot("L-NONE") }
        do {
            _ = try fixture.central.sheets.sheet(epreuve: "T011B", candidate: "K404")
            Issue.record("a candidate in no lot has no sheet")
        } catch let error as ServerError {
            #expect(error.status == 404 && error.message == "candidate K404 is in no lot of épreuve T011B")
        }
    }
}
