import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import TestSupport
import Testing
@testable import ArdoiseNode

/// The node's sync loop against the real central server on loopback (ARCHITECTURE "The wire").
@Suite(.timeLimit(.minutes(2))) struct NodeSyncTests {
    /// A node folder enrolled on `central` through a real one-time code.
    static func enrolled(_ central: LoopbackCentral, _ transport: FaultyTransport) throws -> NodeFixture {
        let fixture = try NodeFixture(install: false)
        try fixture.node.enrolment.enrol(server: central.url, code: try central.code(), label: "salle 12", over: transport)
        return fixture
    }

    @Test func syncPushesPullsBackAndTheOverlayGoes() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        try fixture.node.grading.markAttendance(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", present: false)
        try fixture.node.grading.lock(as: "ex2", secret: TestSecrets.secret(for: "ex2"), lot: "L1")
        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.pushed == 3 && summary.applied == 3 && summary.conflicts == 0 && summary.rejected == 0)
        #expect(summary.pulled == 8)  // 6 fields of 0231, attendance of 0232, the lot's status
        let node = try fixture.node.reports.status().node
        #expect(try central.central.nodes.receivedOperations(node: node) == [1, 2, 3])
        let status = try fixture.node.reports.status()
        #expect(status.pending == 0 && status.awaitingPull == 0 && status.lastSync != nil)
        let report = try fixture.node.reports.lot("L1")
        #expect(report.status == .locked && !report.pending && report.lines.allSatisfy { !$0.pending })
        #expect(report.lines.map(\.status) == [.graded(score: 15), .absent])
        #expect(try central.central.progress.summaries().first { $0.id == "L1" }?.status == .locked)

        let again = try fixture.node.sync.sync(over: transport)
        #expect(again.pushed == 0 && again.pulled == 0)
        #expect(try central.central.nodes.receivedOperations(node: node) == [1, 2, 3])
    }

    /// A cut connection loses nothing and duplicates nothing: the answer is lost after the server applied
    /// the batch, the node resends it, the server acknowledges it again without effect.
    @Test func aLostPushAnswerIsResentAndAppliedOnce() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        transport.faults["/push"] = [.lostResponse]
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", levels: ["ANA": "A"])
        let error = try syncRefusal(fixture, transport)
        #expect(error.isTemporary && error.message.hasPrefix("server unreachable at \(central.url)"))
        #expect(try fixture.node.reports.status().pending == 2, "not acknowledged: kept for the next sync")
        try fixture.node.grading.grade(as: "ex2", secret: TestSecrets.secret(for: "ex2"), epreuve: "T011B", candidate: "0232", subject: "S2")

        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.duplicates == 2 && summary.applied == 1 && summary.pushed == 3)
        #expect(try central.central.nodes.receivedOperations(node: try fixture.node.reports.status().node) == [1, 2, 3])
        #expect(try fixture.node.reports.status().pending == 0)
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .partial(filled: 2, of: 4))
    }

    @Test func aFailedPullKeepsTheAcknowledgementAndTheNextSyncFinishes() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        transport.faults["/pull"] = [.status(500)]
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
        let error = try syncRefusal(fixture, transport)
        #expect(error.isTemporary && error.message.contains("server error"))
        var status = try fixture.node.reports.status()
        #expect(status.pending == 0 && status.awaitingPull == 1)
        #expect(try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231").pending)

        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.pushed == 0 && summary.pulled == 3)
        status = try fixture.node.reports.status()
        #expect(status.awaitingPull == 0)
        #expect(try central.central.nodes.receivedOperations(node: status.node) == [1])
    }

    @Test func aStoppedServerLeavesEverythingQueuedForLater() throws {
        let transport = FaultyTransport()
        var fixture: NodeFixture?
        do {
            let central = try LoopbackCentral()
            fixture = try Self.enrolled(central, transport)
        }  // the server stops here
        let node = try #require(fixture).node
        try node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        let error = try syncRefusal(try #require(fixture), transport)
        #expect(error.isTemporary && error.message.contains("server unreachable"))
        #expect(try node.reports.status().pending == 1)
        #expect(try node.reports.sheetStatus(epreuve: "T011B", candidate: "0231") == .graded(score: 15))
    }

    @Test func pushAndPullGoInBatchesOfAtMost500() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        for index in 0..<501 {
            try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: index == 0 ? "S1" : nil,
                                   levels: ["APP": ["A", "B", "C", "D"][index % 4]])
        }
        let before = transport.requests.count
        let summary = try fixture.node.sync.sync(over: transport)
        let requests = transport.requests.dropFirst(before)
        #expect(requests.filter { $0 == "POST /push" }.count == 2)
        #expect(requests.filter { $0 == "GET /pull" }.count == 2)  // 503 changes (3 + 500), pages of 500
        #expect(summary.pushed == 501 && summary.pulled == 503)
        #expect(try central.central.nodes.receivedOperations(node: try fixture.node.reports.status().node) == Array(1...501))
        #expect(try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231").fields["level.S1.APP"] == "A")
    }

    /// ARCHITECTURE "Trust": a revoked token gets 401 on its next request; the outbox stays on the node.
    @Test func aRevokedTokenStopsSyncButKeepsTheOutbox() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1")
        _ = try central.central.nodes.revoke(node: try fixture.node.reports.status().node, by: "manager")
        let error = try syncRefusal(fixture, transport)
        #expect(!error.isTemporary && error.message.contains("refused this node's token"))
        #expect(error.kind == .tokenRefused(server: central.url))
        #expect(try fixture.node.outbox.count() == 1 && fixture.node.reports.status().pending == 1)
    }

    @Test func aMovedReferenceVersionIsFetchedAgain() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        let before = try fixture.node.reports.status().referenceVersion
        let extra = Lot(id: "L3", epreuve: "T011B", centre: "C1", group: "G1", candidates: ["0999"])
        try central.central.sessions.load(LoopbackCentral.session(extraLots: [extra]))
        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.referenceUpdated)
        #expect(try fixture.node.reports.status().referenceVersion == (before ?? 0) + 1)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0999", subject: "S2")
    }

    /// A clock the server refused (too far ahead) reaches other nodes in the report, not in their clocks.
    @Test func aRejectedFutureClockDoesNotDragThisNodesClock() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try Self.enrolled(central, transport)
        let other = try central.central.enrolment.enrol(code: try central.code(), label: "other PC")
        let future = HLC(wall: WallClock.system.millis + 48 * 3_600_000)
        let rogue = SyncOperation(node: other.node, seq: 1, hlc: future, author: "ex1", kind: .grade, epreuve: "T011B",
                                  lot: "L1", candidate: "0231", base: [:], values: ["subject": "S1"])
        let pushed = try central.central.push.push(node: NodeIdentity(id: other.node, centre: "C1"), operations: [rogue])
        #expect(pushed.results.map(\.outcome) == [.rejected])
        #expect(try fixture.node.sync.sync(over: transport).pulled > 0)
        let next = try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", subject: "S1")
        #expect(next.hlc.wall < WallClock.system.millis + 60_000)
    }

    @Test func enrolStoresTheNodeFetchesTheReferenceAndRefusesASecondTime() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeFixture(install: false)
        try fixture.node.enrolment.enrol(server: central.url + "/", code: try central.code(), label: "salle 12", over: transport)
        let status = try fixture.node.reports.status()
        #expect(status.node == "C1-N1" && status.centre == "C1" && status.server == central.url)
        // The session load, then one version per credential issued (LoopbackCentral issues three).
        #expect(status.referenceVersion == 4 && status.lastSync != nil)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1")
        let again = try refusal(fixture) {
            try $0.enrolment.enrol(server: central.url, code: try central.code(), label: "", over: transport)
        }
        #expect(again.message.contains("is already enrolled as node C1-N1"))
    }

    @Test func anEnrolmentCutBeforeTheReferenceIsFinishedBySync() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeFixture(install: false)
        transport.faults["/reference"] = [.transport]
        let error = try refusal(fixture) {
            try $0.enrolment.enrol(server: central.url, code: try central.code(), label: "", over: transport)
        }
        #expect(error.isTemporary && error.message.hasPrefix("enrolled as node C1-N1 of centre C1, but the first sync failed"))
        #expect(try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1")
        }.message == "no reference data on this node yet")
        try fixture.node.sync.sync(over: transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1")
    }
}

/// A server that answers every request 429, as the rate limits do.
struct RateLimitedTransport: NodeTransport {
    func exchange(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]?) throws -> TransportResponse {
        TransportResponse(status: 429, body: Array(#"{"error":"too many refused requests from 10.0.0.1; try again in 7 s"}"#.utf8))
    }
}

/// Issue 8 item 6: a rate-limited sync is "try again later" (exit 75), saying how long.
@Test func aRateLimitedSyncIsATemporaryRefusal() throws {
    let fixture = try NodeFixture()
    try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["APP": "A"])
    let error = try refusal(fixture) { _ = try $0.sync.sync(over: RateLimitedTransport()) }
    #expect(error.isTemporary && error.message.hasSuffix("try again in 7 s"))
    #expect(try fixture.node.reports.status().pending == 1)
}

func syncRefusal(_ fixture: NodeFixture, _ transport: FaultyTransport) throws -> NodeError {
    try refusal(fixture) { _ = try $0.sync.sync(over: transport) }
}
