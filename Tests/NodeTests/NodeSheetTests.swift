import ArdoiseProtocol
import Testing
import TestSupport
@testable import ArdoiseNode

@Suite struct NodeSheetTests {
    @Test func d22BlankSheetHasBoxesForEverythingAndEveryGridWhenNoSubjectIsChosen() throws {
        let fixture = try NodeFixture()
        let text = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0232")
        #expect(text.contains("EVALUATION SHEET  T011B  Physique-chimie pratique"))
        #expect(text.contains("candidate 0232   lot L1"))
        #expect(text.contains("attendance: [ ] present   [ ] AB"))
        #expect(text.contains("subject: [ ] S1   [ ] S2"))
        #expect(text.contains("if subject S1  Titrage:") && text.contains("if subject S2  Pendule:"))
        #expect(text.contains("APP  S'approprier  [ ]  A 4 · B 3 · C 2 · D 0"))
        #expect(text.contains("total: ____ /20"))
        #expect(text.contains("comment: ____"))
        // D9: candidate numbers only, never a name.
        #expect(!text.contains("Examiner") && !text.contains("Lycée"))
    }

    @Test func d22FilledSheetShowsLevelsPointsAndTotal() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S2",
                               levels: NodeFixture.fullLevels, comment: "bonne démarche")
        let text = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")
        #expect(text.contains("attendance: present"))
        #expect(text.contains("subject: S2  Pendule"))
        #expect(!text.contains("if subject"))
        #expect(text.contains("APP  S'approprier  [A]  4/4"))
        #expect(text.contains("VAL  Valider       [C]  1/4"))
        #expect(text.contains("total: 15/20"))
        #expect(text.contains("comment: bonne démarche"))
        #expect(text.contains("not yet synced"))
    }

    @Test func d22PartialAndAbsentSheets() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: ["ANA": "B"])
        let partial = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")
        #expect(partial.contains("ANA  Analyser      [B]  4/6"))
        #expect(partial.contains("REA  Réaliser      [ ]  A 6"))
        #expect(partial.contains("total: ____ /20   (1 of 4 competencies filled)"))
        try fixture.node.grading.markAttendance(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0232", present: false)
        let absent = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0232")
        #expect(absent.contains("attendance: AB (absent)") && absent.contains("total: AB (absent: no grade, which is not 0)"))
        #expect(!absent.contains("[ ]  A"))
        // Marked absent after grading: the levels are kept, not shown as a total, and said to be kept.
        try fixture.node.grading.markAttendance(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", present: false)
        let graded = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")
        #expect(graded.contains("total: AB") && !graded.contains("/20") && graded.contains("levels entered before the absence are kept"))
        #expect(try fixture.node.view.sheet(epreuve: "T011B", candidate: "0231").fields["level.S1.ANA"] == "B")
    }

    /// ARCHITECTURE "Merge": a conflicting grade is disputed until a coordinator resolves it.
    @Test func disputedSheetsAreMarkedInTheLotAndOnTheSheet() throws {
        let fixture = try NodeFixture()
        let hlc = HLC(wall: 1_763_770_000_000)
        let record = ConflictRecord(
            id: 42, kind: .sameField, epreuve: "T011B", centre: "C1", lot: "L1", candidate: "0231", field: "level.APP",
            server: ConflictSide(value: "B", author: "ex2", node: "N2", hlc: hlc),
            node: ConflictSide(value: "C", author: "ex1", node: "N1", hlc: hlc), rule: "later clock, then node id",
            winner: "server", status: .open, resolution: nil, operation: "N1/3")
        let rejected = ConflictRecord(
            id: 43, kind: .lotLocked, epreuve: "T011B", centre: "C1", lot: "L1", candidate: "0232", field: "comment",
            server: ConflictSide(value: nil, author: "ex2", node: "N2", hlc: hlc),
            node: ConflictSide(value: "x", author: "ex1", node: "N1", hlc: hlc), rule: "lot locked",
            winner: nil, status: .open, resolution: nil, operation: "N1/4")
        try fixture.pull([Change(rev: 5, kind: .conflict, epreuve: "T011B", lot: "L1", candidate: "0231", conflict: record),
                          Change(rev: 6, kind: .conflict, epreuve: "T011B", lot: "L1", candidate: "0232", conflict: rejected)],
                         cursor: 6)
        let report = try fixture.node.reports.lot("L1")
        #expect(report.lines.map(\.disputed) == [true, false])
        #expect(report.text.contains("DISPUTED"))
        let sheet = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")
        #expect(sheet.contains("DISPUTED: this grade is not transmitted until a coordinator resolves:"))
        #expect(sheet.contains("#42 level.APP (same-field): server 'B' by ex2, 'C' by ex1 on node N1"))
        #expect(try fixture.node.reports.status().openConflicts == 2)

        // Resolved centrally: the same id comes back resolved and the mark goes.
        var resolved = record
        resolved.status = .resolved
        try fixture.pull([Change(rev: 7, kind: .conflict, epreuve: "T011B", lot: "L1", candidate: "0231", conflict: resolved)],
                         cursor: 7)
        #expect(try fixture.node.reports.lot("L1").lines.map(\.disputed) == [false, false])
        #expect(try fixture.node.reports.status().openConflicts == 1)
    }

    @Test func lotReportLinesAndCounts() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1", levels: NodeFixture.fullLevels)
        let report = try fixture.node.reports.lot("L1")
        #expect(report.lines.map(\.candidate) == ["0231", "0232"])
        #expect(report.lines.map(\.status) == [.graded(score: 15), .notGraded])
        #expect(report.lines.map(\.subject) == ["S1", nil])
        #expect(report.text.hasPrefix("lot L1  épreuve T011B  group G1  open"))
        #expect(report.text.contains("0231       S1        15/20  *"))
        #expect(report.text.contains("done 1/2"))
        #expect(try fixture.node.reports.lots().map(\.summary) == ["L1  T011B  group G1  open  done 1/2",
                                                                  "L2  SVT1  group G2  open  done 0/1"])
    }

    @Test func d22ACommentCannotForgeLinesOfThePrintedSheet() throws {
        let fixture = try NodeFixture()
        try fixture.node.grading.grade(as: "ex1", secret: TestSecrets.secret(for: "ex1"), epreuve: "T011B", candidate: "0231", subject: "S1",
                                       comment: "bien\ntotal: 20/20\u{1B}[2J")
        let text = try fixture.node.reports.sheetText(epreuve: "T011B", candidate: "0231")
        #expect(text.contains("comment: bien\\ntotal: 20/20\\u{1B}[2J"))
        #expect(!text.contains("\u{1B}") && !text.split(separator: "\n").contains { $0.hasPrefix("total: 20/20") })
    }
}
