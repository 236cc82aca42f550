import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Coordinators' actions (D13) and the conflict-resolution report.
@Suite struct CentralActionTests {
    /// Two nodes disagree on K1's REA level; returns the conflict.
    private func disputed(_ fixture: Fixture) throws -> ConflictRecord {
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 5_000)
        var opsB = OperationMaker(b, wall: 1_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.S1.REA": "A"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.REA": "D"])])
        return try #require(try fixture.central.conflicts.all().first)
    }

    @Test func resolvingKeepsTheChosenValueAndNodesPullIt() throws {
        let fixture = try Fixture()
        let conflict = try disputed(fixture)
        let before = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 2000).cursor
        _ = try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "node", by: .person("COORD"))
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "D")
        let changes = try fixture.central.pull.pull(centre: Fixture.centre, after: before, limit: 100).changes
        #expect(changes.contains { $0.kind == .field && $0.field == "level.S1.REA" && $0.value == "D" && $0.author == "COORD" })
        #expect(changes.contains { $0.kind == .conflict && $0.conflict?.status == .resolved })
        let record = try #require(try fixture.central.conflicts.all().first)
        #expect(record.resolution?.by == "COORD" && record.resolution?.choice == "node")
        #expect(record.server.value == "A" && record.node.value == "D")  // both values stay in the report
        #expect(try #require(try fixture.central.progress.summaries().first { $0.id == "L1" }).disputed == 0)
        let again = #expect(throws: ServerError.self) { try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "server", by: .person("COORD")) }
        #expect(again?.message.contains("already resolved") == true)
    }

    @Test func resolvingWithAValueChecksItAgainstTheGrid() throws {
        let fixture = try Fixture()
        let conflict = try disputed(fixture)
        #expect(throws: ServerError.self) { try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "Z", by: .person("COORD")) }
        #expect(throws: ServerError.self) { try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "B", by: .person("E1")) }
        _ = try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "B", by: .person("COORD"))
        #expect(try fixture.central.sheet("K1")["level.S1.REA"] == "B")
    }

    @Test func unlockNeedsACoordinatorAndAReasonAndReopensTheLot() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        var ops = OperationMaker(a)
        _ = try fixture.central.push.push(node: a, operations: [ops.fullGrade("K3", author: "E3", lot: "L3"),
                                                         ops.make(kind: .lock, author: "E3", lot: "L3", candidate: nil, ["status": "locked"])])
        #expect(try fixture.central.progress.summaries().first { $0.id == "L3" }?.status == .locked)
        #expect(throws: ServerError.self) { try fixture.central.lots.unlock(lot: "L3", by: .person("COORD"), why: "  ") }
        #expect(throws: ServerError.self) { try fixture.central.lots.unlock(lot: "L3", by: .person("E3"), why: "sick") }
        _ = try fixture.central.lots.unlock(lot: "L3", by: .person("COORD"), why: "examiner asked to correct a level")
        #expect(try fixture.central.progress.summaries().first { $0.id == "L3" }?.status == .open)
        let lotChange = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 100).changes.last { $0.kind == .lot }
        #expect(lotChange?.value == "open" && lotChange?.author == "COORD")
        // Once reopened, the examiner's edit applies again.
        let edit = try fixture.central.push.push(node: a, operations: [ops.make(author: "E3", lot: "L3", candidate: "K3", base: [:], ["level.S1.APP": "C"])])
        #expect(edit.results.map(\.outcome) == [.applied])
    }

    @Test func theReportListsEveryEntryInTextJSONAndHTML() throws {
        let fixture = try Fixture()
        let conflict = try disputed(fixture)
        let records = try fixture.central.conflicts.all()
        let json = try ConflictReport.render(records, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entries = try #require(object["conflicts"] as? [[String: Any]])
        #expect(entries.count == 1)
        for key in ["id", "kind", "epreuve", "lot", "candidate", "field", "server", "node", "rule", "status"] {
            #expect(entries[0][key] != nil, "missing \(key)")
        }
        let server = try #require(entries[0]["server"] as? [String: Any])
        #expect(server["author"] as? String == "E1" && server["at"] != nil && server["value"] as? String == "A")
        let text = try ConflictReport.render(records, as: .text)
        #expect(text.contains("#\(conflict.id) [same-field] candidate K1, field level.S1.REA"))
        let html = try ConflictReport.render(records, as: .html)
        #expect(html.contains("<td>level.S1.REA</td>") && html.contains("T011B · centre C1 · lot L1"))
    }
}
