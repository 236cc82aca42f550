import ArdoiseProtocol
import ArdoiseSupport
import Foundation
import TestSupport
import Testing
@testable import ArdoiseNode

@Suite struct NodeOutboxTests {
    /// ARCHITECTURE "The node": sequence numbers contiguous from 1, clock strictly increasing.
    @Test func outboxSequenceIsContiguousAndClockIncreases() throws {
        let fixture = try NodeFixture()
        for (index, level) in ["A", "B", "C", "D", "A", "B"].enumerated() {
            try fixture.node.grading.grade(as: index % 2 == 0 ? "ex1" : "ex2", secret: TestSecrets.secret(for: index % 2 == 0 ? "ex1" : "ex2"), epreuve: "T011B", candidate: "0231",
                                   subject: "S1", levels: ["APP": level])
            // Refused actions in between must not take a number.
            #expect(throws: (any Error).self) {
                try fixture.node.grading.grade(as: "ex3", secret: TestSecrets.secret(for: "ex3"), epreuve: "T011B", candidate: "0231", levels: ["APP": "A"])
            }
        }
        try fixture.node.grading.markAttendance(as: "ex3", secret: TestSecrets.secret(for: "ex3"), epreuve: "SVT1", candidate: "0241", present: false)
        let outbox = try fixture.node.outbox.all()
        #expect(outbox.map(\.seq) == Array(1...7))
        for (earlier, later) in zip(outbox, outbox.dropFirst()) { #expect(earlier.hlc < later.hlc) }
        // A clock pulled from the future moves the next reading past it.
        let future = HLC(wall: WallClock.system.millis + 3_600_000, logical: 5)
        try fixture.pull([Change(rev: 1, kind: .field, epreuve: "SVT1", candidate: "0241", field: "comment",
                                 value: "x", author: "ex3", hlc: future)], cursor: 1)
        let next = try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", subject: "S2")
        #expect(next.seq == 8 && next.hlc > future)
    }

    @Test func baseIsTheServerRevisionOfEachChangedField() throws {
        let fixture = try NodeFixture()
        try fixture.pull([
            Change(rev: 7, kind: .field, epreuve: "T011B", candidate: "0231", field: "level.S1.APP", value: "C", author: "ex2"),
            Change(rev: 9, kind: .field, epreuve: "T011B", candidate: "0231", field: "subject", value: "S1", author: "ex2"),
            Change(rev: 11, kind: .field, epreuve: "T011B", candidate: "0232", field: "level.S1.ANA", value: "A", author: "ex2"),
        ], cursor: 11)
        let operation = try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231",
                                               levels: ["APP": "B", "ANA": "A"])
        #expect(operation.base == ["level.S1.APP": 7, "level.S1.ANA": 0, "attendance": 0])
        #expect(operation.values["subject"] == nil, "subject already chosen on the server")
    }

    /// ARCHITECTURE "Pull": server state with the node's own pending operations laid over it.
    @Test func overlayShowsPendingOperationsUntilThePullPassesTheirRevision() throws {
        let fixture = try NodeFixture()
        try fixture.pull([Change(rev: 3, kind: .field, epreuve: "T011B", candidate: "0231", field: "subject",
                                 value: "S1", author: "ex2")], cursor: 3)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "B"])
        var view = try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231")
        #expect(view.fields["level.S1.APP"] == "B" && view.pending)
        #expect(try fixture.node.reports.lot("L1").lines[0].pending)

        // Pushed: acknowledged at revision 20, but the pull has only reached 15 — still overlaid, even
        // though the server already sent another value for the field.
        try fixture.acknowledge(upTo: 1, revision: 20)
        try fixture.pull([Change(rev: 12, kind: .field, epreuve: "T011B", candidate: "0231", field: "level.S1.APP",
                                 value: "C", author: "ex2")], cursor: 15)
        view = try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231")
        #expect(view.fields["level.S1.APP"] == "B" && view.pending)
        var status = try fixture.node.reports.status()
        #expect(status.pending == 0 && status.awaitingPull == 1)

        // The pull passes 20: the server's decision is what shows.
        try fixture.pull([Change(rev: 20, kind: .field, epreuve: "T011B", candidate: "0231", field: "level.S1.APP",
                                 value: "C", author: "ex2")], cursor: 21)
        view = try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231")
        #expect(view.fields["level.S1.APP"] == "C" && !view.pending)
        #expect(view.revisions["level.S1.APP"] == 20)
        status = try fixture.node.reports.status()
        #expect(status.pending == 0 && status.awaitingPull == 0 && status.cursor == 21)
        #expect(try fixture.node.reports.lot("L1").lines[0].pending == false)
    }

    @Test func pulledRevisionsNeverGoBackwards() throws {
        let fixture = try NodeFixture()
        let newer = Change(rev: 8, kind: .field, epreuve: "T011B", candidate: "0231", field: "comment", value: "new")
        let older = Change(rev: 5, kind: .field, epreuve: "T011B", candidate: "0231", field: "comment", value: "old")
        try fixture.pull([newer, older, newer], cursor: 8)
        let view = try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231")
        #expect(view.fields["comment"] == "new" && view.revisions["comment"] == 8)
    }

    @Test func aSecondOpenOfTheFolderIsRefusedWhileTheFirstHoldsIt() throws {
        let fixture = try NodeFixture()
        do {
            _ = try Node.open(folder: fixture.folder)
            Issue.record("the second open was not refused")
        } catch let error as FolderInUse {
            #expect(error.description == "\(fixture.folder) is in use by process \(getpid())")
        }
        _ = fixture.node  // the first one is still open here
    }

    @Test func aFolderWithoutNodeDataIsRefusedWithTheWayToEnrol() throws {
        let folder = NSTemporaryDirectory() + "ardoise-node-missing-" + UUID().uuidString
        do {
            _ = try Node.open(folder: folder)
            Issue.record("opened a folder that does not exist")
        } catch let error as NodeError {
            #expect(error.message == "no node data in \(folder)")
            #expect(error.kind == .notEnrolled)
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
        let fixture = try NodeFixture(install: false)
        #expect(throws: NodeError.self) { try fixture.node.reports.status() }
        #expect(throws: NodeError.self) {
            try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["APP": "A"])
        }
    }
}
