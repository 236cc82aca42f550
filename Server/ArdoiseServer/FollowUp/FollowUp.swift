import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// Follow-up and statistics (D14): progress per épreuve, centre, lot and examiner; grade statistics per
/// épreuve, per corrector and épreuve, and per subject; each within what the reader may see
/// (`FollowUpScope`). Read-only: one pass over the lots and their sheets as they stand centrally.
public struct FollowUp: Sendable {
    let store: CentralStore

    /// The report `actor` may see, for one épreuve or all, for one examiner's lines or everyone's.
    /// Absent candidates count as done in progress but not in statistics; disputed grades are counted
    /// apart and kept out of means, deviations and histograms.
    public func report(for actor: Actor = .manager, epreuve: String? = nil, examiner: String? = nil) throws -> FollowUpReport {
        try store.withDatabase { db in
            let scope = try FollowUpScope(actor, db: db)
            if let epreuve, try ReferenceTables(db: db).epreuve(epreuve) == nil {
                throw ServerError.notFound("épreuve: \(epreuve) not found")
            }
            let lots = try LotProgress.summaries(in: db, followedWith: nil).filter { epreuve == nil || $0.epreuve == epreuve }
            try scope.require(epreuve: epreuve, examiner: examiner, lots: lots)
            let sheets = try FollowUpSheets(db: db).sheets(of: lots)
            let followed = lots.filter(scope.follows)
            let followedSheets = sheets.filter { scope.follows($0.lot) }
            var report = FollowUpReport(
                epreuves: Self.progress(followed, by: \.epreuve), centres: Self.progress(followed, by: \.centre), lots: followed,
                statistics: Self.epreuveStatistics(followedSheets), subjects: Self.subjects(followedSheets))
            Self.addExaminers(to: &report, lots: lots, sheets: sheets, members: try FollowUpSheets(db: db).groupMembers(),
                              only: examiner, scope: scope)
            return report
        }
    }

    /// Each examiner's progress and statistics per épreuve, over the lots of their groups and the sheets
    /// attributed to them that `scope` shows them in.
    static func addExaminers(to report: inout FollowUpReport, lots: [LotSummary], sheets: [FollowUpSheet],
                             members: [String: Set<String>], only examiner: String?, scope: FollowUpScope) {
        var lotsOf: [String: [LotSummary]] = [:], sheetsOf: [String: [FollowUpSheet]] = [:]
        for lot in lots { for member in members[lot.group] ?? [] { lotsOf[member, default: []].append(lot) } }
        for sheet in sheets { if let corrector = sheet.corrector { sheetsOf[corrector, default: []].append(sheet) } }
        for id in Set(lotsOf.keys).union(sheetsOf.keys).sorted() where examiner == nil || id == examiner {
            let theirLots = (lotsOf[id] ?? []).filter { scope.shows(id, in: $0) }
            let theirSheets = (sheetsOf[id] ?? []).filter { scope.shows(id, in: $0.lot) }
            for code in Set(theirLots.map(\.epreuve) + theirSheets.map(\.lot.epreuve)).sorted() {
                let sheetsHere = theirSheets.filter { $0.lot.epreuve == code }
                report.examiners.append(progress(of: id, epreuve: code, lots: theirLots.filter { $0.epreuve == code }, sheets: sheetsHere))
                if !sheetsHere.isEmpty { report.statistics.append(statistics(sheetsHere, epreuve: code, examiner: id)) }
            }
        }
    }

    /// The statistics of one épreuve (`examiner` nil) or of one corrector on it, for a histogram: 403 for
    /// a person who follows none of the épreuve's lots and asks for its whole figures (an examiner sees
    /// their own, D14), 404 when there is nothing to show.
    public func statistics(for actor: Actor = .manager, epreuve: String, examiner: String? = nil) throws -> StatisticsLine {
        let report = try report(for: actor, epreuve: epreuve, examiner: examiner)
        if let line = report.statistics.first(where: { $0.epreuve == epreuve && $0.examiner == examiner }) { return line }
        if examiner == nil, case .person(let person) = actor, report.lots.isEmpty {
            throw ServerError.forbidden("\(person) may not see the statistics of the whole épreuve \(epreuve): "
                + "a corrector sees their own; only a coordinator of the épreuve, its referent or the centre's staff see all (D14, D6)")
        }
        throw ServerError.notFound("no statistics of \(examiner.map { "corrector \($0) on " } ?? "")\(epreuve) to show")
    }

    static func progress(_ lots: [LotSummary], by key: KeyPath<LotSummary, String>) -> [ProgressLine] {
        Dictionary(grouping: lots, by: { $0[keyPath: key] }).sorted { $0.key < $1.key }
            .map { ProgressLine(key: $0.key, summaries: $0.value) }
    }

    static func progress(of examiner: String, epreuve: String, lots: [LotSummary], sheets: [FollowUpSheet]) -> ExaminerProgress {
        let total = ProgressLine(key: examiner, summaries: lots)
        return ExaminerProgress(examiner: examiner, epreuve: epreuve, lots: total.lots, lockedLots: total.lockedLots,
                                candidates: total.candidates, done: total.done,
                                graded: sheets.filter(\.isGraded).count, absent: sheets.filter(\.isAbsent).count)
    }

    /// Statistics of the undisputed grades of `sheets`, with absent and disputed counted apart.
    static func statistics(_ sheets: [FollowUpSheet], epreuve: String, examiner: String?) -> StatisticsLine {
        StatisticsLine(epreuve: epreuve, examiner: examiner, grades: GradeStatistics(grades: sheets.compactMap(\.counted)),
                       absent: sheets.filter(\.isAbsent).count,
                       disputed: sheets.filter { $0.isGraded && $0.disputed }.count)
    }

    static func epreuveStatistics(_ sheets: [FollowUpSheet]) -> [StatisticsLine] {
        Dictionary(grouping: sheets, by: \.lot.epreuve).sorted { $0.key < $1.key }
            .map { statistics($0.value, epreuve: $0.key, examiner: nil) }
    }

    /// Each épreuve's subjects side by side, from the undisputed grades.
    static func subjects(_ sheets: [FollowUpSheet]) -> [SubjectComparison] {
        Dictionary(grouping: sheets.filter { $0.counted != nil }, by: \.lot.epreuve).sorted { $0.key < $1.key }.map { epreuve, graded in
            let mean = GradeStatistics(grades: graded.compactMap(\.counted)).mean
            let lines = Dictionary(grouping: graded, by: { $0.subject ?? "" }).sorted { $0.key < $1.key }.map { subject, sheets in
                let grades = GradeStatistics(grades: sheets.compactMap(\.counted))
                return SubjectComparison.Line(subject: subject, grades: grades,
                                              fromEpreuveMean: grades.mean.flatMap { own in mean.map { own - $0 } })
            }
            let means = lines.compactMap(\.grades.mean)
            let spread = means.count < 2 ? nil : (means.max() ?? 0) - (means.min() ?? 0)
            return SubjectComparison(epreuve: epreuve, subjects: lines, spread: spread)
        }
    }
}
