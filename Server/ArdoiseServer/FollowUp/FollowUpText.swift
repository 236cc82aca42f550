import ArdoiseProtocol
import ArdoiseSupport

/// The follow-up as text lines for a terminal: progress, then statistics with each distribution on one
/// line, then subjects side by side. Every value goes through `Escape.text`.
public enum FollowUpText {
    public static func lines(_ report: FollowUpReport) -> [String] {
        var lines: [String] = []
        func section(_ title: String, _ body: [String]) {
            guard !body.isEmpty else { return }
            if !lines.isEmpty { lines.append("") }
            lines.append(title)
            lines += body.map { "  " + Escape.text($0) }
        }
        section("Progress by épreuve", report.epreuves.map(progress))
        section("Progress by centre", report.centres.map(progress))
        section("Progress by lot", report.lots.map {
            "\($0.id)  \($0.epreuve)  centre \($0.centre)  group \($0.group)  \($0.status.rawValue)  \($0.done)/\($0.candidates) done"
                + ($0.disputed > 0 ? "  \($0.disputed) disputed" : "")
        })
        section("Progress by examiner", report.examiners.map {
            "\($0.examiner)  \($0.epreuve)  lots \($0.lots) (\($0.lockedLots) locked)  \($0.done)/\($0.candidates) done"
                + "  graded by them \($0.graded), absent \($0.absent)"
        })
        section("Statistics (absent and disputed not counted; distribution by point, [0,1) … [19,20])",
                report.statistics.flatMap(statistics))
        section("Subjects side by side", report.subjects.flatMap(subjects))
        return lines.isEmpty ? ["nothing to follow yet"] : lines
    }

    static func progress(_ line: ProgressLine) -> String {
        "\(line.key)  lots \(line.lots) (\(line.lockedLots) locked)  \(line.done)/\(line.candidates) done"
            + (line.disputed > 0 ? "  \(line.disputed) disputed" : "")
    }

    static func figures(_ grades: GradeStatistics) -> String {
        guard let mean = grades.mean, let deviation = grades.standardDeviation,
              let low = grades.minimum, let high = grades.maximum else { return "n 0" }
        return "n \(grades.count)  mean \(mean.formatted2)  sd \(deviation.formatted2)  min \(low.formatted2)  max \(high.formatted2)"
    }

    static func statistics(_ line: StatisticsLine) -> [String] {
        ["\(line.epreuve)  \(line.examiner ?? "all correctors")  \(figures(line.grades))  absent \(line.absent)  disputed \(line.disputed)",
         "    distribution " + line.grades.histogram.map(String.init).joined(separator: " ")]
    }

    static func subjects(_ comparison: SubjectComparison) -> [String] {
        comparison.subjects.map { line in
            let offset = line.fromEpreuveMean.map { "  \($0 >= 0 ? "+" : "")\($0.formatted2) from the épreuve's mean" } ?? ""
            return "\(comparison.epreuve)  subject \(line.subject)  \(figures(line.grades))\(offset)"
        } + [comparison.spread.map { "\(comparison.epreuve)  difference of subject means (highest − lowest) \($0.formatted2)" }]
            .compactMap { $0 }
    }
}
