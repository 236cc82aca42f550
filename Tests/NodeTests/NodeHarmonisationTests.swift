import ArdoiseProtocol
import ArdoiseServer
import Testing
import TestSupport
@testable import ArdoiseNode

/// Issue 10 item 5 (D16): the examiner's lab PC shows, at its next sync, what a coordinator changed on
/// their grades and why; the raw levels stay as they were entered.
@Suite(.timeLimit(.minutes(1))) struct NodeHarmonisationTests {
    @Test func d16TheLabPCShowsTheHarmonisedGradeWhoHowAndWhyAtItsNextSync() throws {
        let central = try LoopbackCentral()
        let transport = FaultyTransport()
        let fixture = try NodeSyncTests.enrolled(central, transport)
        let secret = TestSecrets.secret(for: "ex1")
        for candidate in ["0231", "0232"] {
            try fixture.node.grading.grade(as: "ex1", secret: secret, epreuve: "T011B", candidate: candidate, subject: "S1",
                                           levels: NodeFixture.fullLevels)
        }
        try fixture.node.grading.lock(as: "ex1", secret: secret, lot: "L1")
        #expect(try fixture.node.sync.sync(over: transport).harmonised == 0)

        try central.central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: true, harmoniseInMass: nil)
        let grade = try #require(GradePoints(parsing: "12.5"))
        _ = try central.central.harmonisation.unit(lot: "L1", copy: 2, grade: grade, why: "barème mal appliqué", by: .person("coord"))
        let summary = try fixture.node.sync.sync(over: transport)
        #expect(summary.harmonised == 1 && summary.text.contains("1 grade harmonised centrally"), "\(summary.text)")
        let sheet = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0232")
        #expect(sheet.contains("harmonised: 12.50/20 (transmitted instead of the total above)"), "\(sheet)")
        #expect(sheet.contains("unit harmonisation by coord") && sheet.contains("barème mal appliqué"), "\(sheet)")
        let lines = try fixture.node.reports.harmonisations()
        #expect(lines.count == 1 && lines[0].hasPrefix("T011B  candidate 0232  harmonised 12.50/20: unit harmonisation by coord"))
        #expect(!(try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")).contains("harmonised"))

        // A mass harmonisation of the lot reaches the PC the same way, each sheet with its new grade and why.
        try central.central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: nil, harmoniseInMass: true)
        _ = try central.central.harmonisation.mass(.lot("L1"), rule: .shift(GradePoints(hundredths: -150)), why: "lot trop bien noté",
                                                   by: .person("coord"))
        let after = try fixture.node.sync.sync(over: transport)
        #expect(after.harmonised == 2, "\(after.text)")
        let shifted = try fixture.node.reports.harmonisations()
        #expect(shifted.count == 2 && shifted.allSatisfy { $0.contains("mass harmonisation by coord") && $0.contains("shift -1.50") },
                "\(shifted)")
        #expect(shifted.contains { $0.hasPrefix("T011B  candidate 0232  harmonised 11.00/20") }, "12.50 − 1.50: \(shifted)")
    }
}
