import ArdoiseProtocol
import ArdoiseServer
import Foundation
import TestSupport
import Testing
@testable import ArdoiseNode

/// Issue 10 item 2 on a lab PC (D13): a sick examiner's lot redistributed centrally reaches the PC at its
/// next sync, which then lets the new group grade and no longer the old one; what the sick examiner had
/// entered offline before the news is kept, not lost.
@Suite(.timeLimit(.minutes(2))) struct NodeRedistributionTests {
    @Test func d13ALabPCPullsARedistributionAndTheNewGroupGrades() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport)
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231",
                                       subject: "S1", levels: NodeFixture.fullLevels)
        _ = try fixture.node.sync.sync(over: transport)
        // Offline, ex1 starts on 0232 just before falling ill; centrally, the centre makes a group of ex3
        // and gives it L1's remaining candidate.
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232",
                                       subject: "S2", levels: ["APP": "B"])
        let group = try central.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: "C1", examiners: ["ex3"]), by: .manager)
        let result = try central.central.redistribution.redistribute(RedistributeRequest(lot: "L1", why: "ex1 is ill"), by: .manager)
        #expect(result.moves == [CandidateMove(candidate: "0232", from: "L1", to: group.id, carried: false)])

        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.referenceUpdated && summary.pushed == 1)
        #expect(try fixture.node.reports.lot("L1").lines.map(\.candidate) == ["0231"])
        let moved = try fixture.node.reports.lot(group.id)
        #expect(moved.group == group.id && moved.lines.map(\.candidate) == ["0232"])
        // ex1's offline entry on the former lot is kept whole for a coordinator (MergeRules), not applied.
        let kept = try central.central.conflicts.all().filter { $0.kind == .movedCandidate && $0.candidate == "0232" }
        #expect(kept.count == 1)

        // The PC now refuses ex1 on 0232 and lets ex3 grade it; the server takes ex3's grade.
        let refused = try refusal(fixture) {
            try $0.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", subject: "S2")
        }
        #expect(refused.message.contains("not in group \(group.id)"))
        try fixture.node.grading.grade(as: "ex3", secret: TestSecrets.secret(for: "ex3"), epreuve: "T011B", candidate: "0232",
                                       subject: "S2", levels: NodeFixture.fullLevels)
        let last = try fixture.node.sync.sync(over: transport)
        #expect(last.applied == 1 && last.rejected == 0 && last.conflicts == 0)
        #expect(try fixture.node.reports.sheetStatus(epreuve: "T011B", candidate: "0232") == .graded(score: 15))
        #expect(try central.central.progress.summaries().first { $0.id == group.id }?.done == 1)
    }
}
