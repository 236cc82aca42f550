@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing

/// Issue 10 item 4 (D14): progress and statistics over a realistic small day, checked against figures
/// worked out by hand. The grades go through the real push and merge, as lab PCs send them.
///
/// Barème (`Fixture.bareme`): APP A4 B3 C2 D0, ANA A6 B4 C2 D1, REA A10 B7 C4 D1, so all A = 20,
/// all B = 14, all C = 8; APP A + ANA A + REA B = 17.
/// | lot (group) | candidate | who | subject | grade |
/// |---|---|---|---|---|
/// | L1 (E1, E2) locked | K1 | E1 | S1 | 20 |
/// | | K2 | E1 | S1 | 14 |
/// | | K3 | E2 | S2 | 8 |
/// | | K4 | E2 | — | AB |
/// | | K5 | E1 APP, ANA; E2 REA | S2 | 17, E1's (two levels of three) |
/// | L3 (E3) | K6 | E3 | S1 | 14 |
/// | | K7 | E3 | S2 | 17 |
/// | | K8 | E3 on two PCs, REA differs | S1 | disputed |
/// | L9 (E9), centre C2 | K9 | E9 | S2 | 8 |
/// | | K10 | – | – | not graded |
@Suite struct FollowUpStatisticsTests {
    static func session() -> SessionFile {
        var session = Fixture.session()
        let c1 = (1...8).map { "K\($0)" }, c2 = ["K9", "K10"]
        session.candidates = c1.map { Candidate(number: $0, centre: Fixture.centre, epreuves: ["T011B"]) }
            + c2.map { Candidate(number: $0, centre: Fixture.otherCentre, epreuves: ["T011B"]) }
        session.lots = [Lot(id: "L1", epreuve: "T011B", centre: Fixture.centre, group: "G1", candidates: ["K1", "K2", "K3", "K4", "K5"]),
                        Lot(id: "L3", epreuve: "T011B", centre: Fixture.centre, group: "G3", candidates: ["K6", "K7", "K8"]),
                        Lot(id: "L9", epreuve: "T011B", centre: Fixture.otherCentre, group: "G9", candidates: c2)]
        return session
    }

    /// The day above, in a fresh store.
    static func day() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.central.sessions.load(session())
        let pc1 = try fixture.enrol().node, pc2 = try fixture.enrol().node, pc9 = try fixture.enrol(centre: Fixture.otherCentre).node
        var one = OperationMaker(pc1), two = OperationMaker(pc2, wall: 5_000), nine = OperationMaker(pc9)
        let levels = { (subject: String, app: String, ana: String, rea: String) -> [String: String] in
            ["subject": subject, "level.\(subject).APP": app, "level.\(subject).ANA": ana, "level.\(subject).REA": rea]
        }
        let first = [
            one.fullGrade("K1", author: "E1", subject: "S1", level: "A"),
            one.fullGrade("K2", author: "E1", subject: "S1", level: "B"),
            one.fullGrade("K3", author: "E2", subject: "S2", level: "C"),
            one.make(kind: .attendance, author: "E2", candidate: "K4", ["attendance": "AB"]),
            one.make(author: "E1", candidate: "K5", ["subject": "S2", "level.S2.APP": "A", "level.S2.ANA": "A"]),
            one.make(author: "E2", candidate: "K5", ["level.S2.REA": "B"]),
            one.make(author: "E3", lot: "L3", candidate: "K6", levels("S1", "B", "B", "B")),
            one.make(author: "E3", lot: "L3", candidate: "K7", levels("S2", "A", "A", "B")),
            one.make(author: "E3", lot: "L3", candidate: "K8", levels("S1", "A", "A", "A")),
        ]
        _ = try fixture.central.push.push(node: pc1, operations: first)
        // The second PC had not pulled K8's grade: the same competency, another level (a real dispute).
        _ = try fixture.central.push.push(node: pc2, operations: [two.make(author: "E3", lot: "L3", candidate: "K8", ["level.S1.REA": "C"])])
        _ = try fixture.central.push.push(node: pc9, operations: [nine.make(author: "E9", lot: "L9", candidate: "K9", levels("S2", "C", "C", "C"))])
        _ = try fixture.central.lots.lock(lot: "L1", by: .manager, why: "all done")
        return fixture
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func d14StatisticsPerEpreuveAndCorrectorMatchTheHandWorkedFigures() throws {
        let report = try Self.day().central.followUp.report()
        let line = { (examiner: String?) in report.statistics.first { $0.epreuve == "T011B" && $0.examiner == examiner } }

        // The épreuve: 20, 14, 8, 17, 14, 17, 8 → mean 98/7 = 14; squared deviations 126, /7 = 18.
        let all = try #require(line(nil))
        #expect(all.grades.count == 7 && Self.close(all.grades.mean, 14) && Self.close(all.grades.standardDeviation, 18.0.squareRoot()))
        #expect(all.grades.minimum == 8 && all.grades.maximum == 20)
        var histogram = Array(repeating: 0, count: 20)
        histogram[8] = 2; histogram[14] = 2; histogram[17] = 2; histogram[19] = 1
        #expect(all.grades.histogram == histogram, "20 falls in the last bin [19, 20]")
        #expect(all.absent == 1 && all.disputed == 1, "K4 absent and K8 disputed are counted apart, not in the mean")

        // E1: 20, 14 and K5's 17 (two of its three levels) → mean 17, variance (9 + 9 + 0) / 3 = 6.
        let e1 = try #require(line("E1"))
        #expect(e1.grades.count == 3 && Self.close(e1.grades.mean, 17) && Self.close(e1.grades.standardDeviation, 6.0.squareRoot()))
        let e2 = try #require(line("E2"))
        #expect(e2.grades.count == 1 && e2.grades.mean == 8 && e2.grades.standardDeviation == 0 && e2.absent == 1)
        // E3: 14 and 17 → mean 15.5, deviation 1.5; K8 disputed, kept out.
        let e3 = try #require(line("E3"))
        #expect(e3.grades.count == 2 && Self.close(e3.grades.mean, 15.5) && Self.close(e3.grades.standardDeviation, 1.5) && e3.disputed == 1)
        #expect(line("E9")?.grades.histogram[8] == 1)
        #expect(report.statistics.map { $0.examiner ?? "all" } == ["all", "E1", "E2", "E3", "E9"])
    }

    @Test func d14SubjectsSideBySideWithTheDifferenceOfTheirMeans() throws {
        let comparison = try #require(try Self.day().central.followUp.report().subjects.first)
        // S1: 20, 14, 14 → mean 16, variance 24/3 = 8. S2: 8, 17, 17, 8 → mean 12.5, deviation 4.5.
        #expect(comparison.subjects.map(\.subject) == ["S1", "S2"])
        let s1 = comparison.subjects[0], s2 = comparison.subjects[1]
        #expect(s1.grades.count == 3 && s1.grades.mean == 16 && Self.close(s1.grades.standardDeviation, 8.0.squareRoot()))
        #expect(s2.grades.count == 4 && s2.grades.mean == 12.5 && Self.close(s2.grades.standardDeviation, 4.5))
        #expect(Self.close(s1.fromEpreuveMean, 2) && Self.close(s2.fromEpreuveMean, -1.5) && Self.close(comparison.spread, 3.5))
    }

    @Test func d14ProgressPerEpreuveCentreLotAndExaminer() throws {
        let report = try Self.day().central.followUp.report()
        #expect(report.epreuves == [progress("T011B", lots: 3, locked: 1, candidates: 10, done: 9, disputed: 1)])
        #expect(report.centres == [progress("C1", lots: 2, locked: 1, candidates: 8, done: 8, disputed: 1),
                                   progress("C2", lots: 1, locked: 0, candidates: 2, done: 1, disputed: 0)])
        #expect(report.lots.map { "\($0.id) \($0.status.rawValue) \($0.done)/\($0.candidates) \($0.disputed)" }
                == ["L1 locked 5/5 0", "L3 open 3/3 1", "L9 open 1/2 0"])
        #expect(report.examiners == [
            ExaminerProgress(examiner: "E1", epreuve: "T011B", lots: 1, lockedLots: 1, candidates: 5, done: 5, graded: 3, absent: 0),
            ExaminerProgress(examiner: "E2", epreuve: "T011B", lots: 1, lockedLots: 1, candidates: 5, done: 5, graded: 1, absent: 1),
            ExaminerProgress(examiner: "E3", epreuve: "T011B", lots: 1, lockedLots: 0, candidates: 3, done: 3, graded: 3, absent: 0),
            ExaminerProgress(examiner: "E9", epreuve: "T011B", lots: 1, lockedLots: 0, candidates: 2, done: 1, graded: 1, absent: 0),
        ])
        // The same figures through LotProgress, which `lots` reuses.
        #expect(try Self.day().central.progress.summaries() == report.lots)
    }

    @Test func d14OneExaminerAndOneEpreuveFilters() throws {
        let central = try Self.day().central
        let e1 = try central.followUp.report(examiner: "E1")
        #expect(e1.examiners.map(\.examiner) == ["E1"] && e1.statistics.compactMap(\.examiner) == ["E1"])
        #expect(throws: ServerError.self) { try central.followUp.report(epreuve: "NOPE") }
        let text = FollowUpText.lines(e1).joined(separator: "\n")
        #expect(text.contains("T011B  E1  n 3  mean 17  sd 2.45  min 14  max 20  absent 0  disputed 0"), "\(text)")
    }

    @Test func d14TheGradeGoesToWhoWroteMostLevelsATieToTheLatest() {
        let epreuve = Fixture.session().epreuves[0]
        func field(_ value: String, _ author: String, _ wall: Int64) -> FieldState {
            FieldState(value: value, rev: wall, hlc: HLC(wall: wall), node: "N", author: author)
        }
        var fields = ["subject": field("S1", "E1", 1), "level.S1.APP": field("A", "E1", 2), "level.S1.ANA": field("A", "E2", 5),
                      "level.S2.REA": field("A", "E2", 6)]
        #expect(SheetAttribution.corrector(of: fields, in: epreuve) == "E2", "one level each under S1: the latest writer; S2's level does not count")
        fields["level.S1.REA"] = field("B", "E1", 3)
        #expect(SheetAttribution.corrector(of: fields, in: epreuve) == "E1", "two levels of three")
        fields["attendance"] = field("AB", "E3", 9)
        #expect(SheetAttribution.corrector(of: fields, in: epreuve) == "E3", "an absence goes to who recorded it")
    }

    @Test func d14HistogramBinsOnZeroToTwenty() {
        #expect([0, 0.75, 1, 12.5, 18.99, 19, 19.75, 20].map(GradeStatistics.bin(of:)) == [0, 0, 1, 12, 18, 19, 19, 19])
        let none = GradeStatistics(grades: [])
        #expect(none.count == 0 && none.mean == nil && none.histogram == Array(repeating: 0, count: 20))
    }

    func progress(_ key: String, lots: Int, locked: Int, candidates: Int, done: Int, disputed: Int) -> ProgressLine {
        var line = ProgressLine(key: key, summaries: [])
        line.lots = lots; line.lockedLots = locked; line.candidates = candidates; line.done = done; line.disputed = disputed
        return line
    }
}
