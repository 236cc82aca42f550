import ArdoiseProtocol

/// What the follow-up shows (D14), each part within what the reader may see (`FollowUpScope`). Candidate
/// numbers never appear, nor names or schools (D9): only counts and grades.
public struct FollowUpReport: Codable, Sendable, Equatable {
    /// Progress per épreuve, per exam centre (over the épreuves followed there) and per lot.
    public var epreuves: [ProgressLine]
    public var centres: [ProgressLine]
    public var lots: [LotSummary]
    /// Progress per examiner and épreuve: the lots of their groups, and the sheets attributed to them.
    public var examiners: [ExaminerProgress]
    /// Grade statistics per épreuve, per corrector and épreuve, and per subject of each épreuve.
    public var statistics: [StatisticsLine]
    public var subjects: [SubjectComparison]

    public init(epreuves: [ProgressLine] = [], centres: [ProgressLine] = [], lots: [LotSummary] = [],
                examiners: [ExaminerProgress] = [], statistics: [StatisticsLine] = [], subjects: [SubjectComparison] = []) {
        self.epreuves = epreuves
        self.centres = centres
        self.lots = lots
        self.examiners = examiners
        self.statistics = statistics
        self.subjects = subjects
    }
}

/// Graded / total and locked lots over a set of lots. `done` counts graded and absent candidates (D12),
/// `disputed` those with an open dispute (done or not).
public struct ProgressLine: Codable, Sendable, Equatable {
    /// The épreuve code or the centre code.
    public var key: String
    public var lots: Int
    public var lockedLots: Int
    public var candidates: Int
    public var done: Int
    public var disputed: Int

    /// The sum over `summaries`.
    init(key: String, summaries: [LotSummary]) {
        self.key = key
        lots = summaries.count
        lockedLots = summaries.filter { $0.status == .locked }.count
        candidates = summaries.reduce(0) { $0 + $1.candidates }
        done = summaries.reduce(0) { $0 + $1.done }
        disputed = summaries.reduce(0) { $0 + $1.disputed }
    }
}

/// One examiner's progress on one épreuve: the lots of the groups they belong to (ECE lots are a
/// group's), and the sheets attributed to them (`SheetAttribution`).
public struct ExaminerProgress: Codable, Sendable, Equatable {
    public var examiner: String
    public var epreuve: String
    public var lots: Int
    public var lockedLots: Int
    public var candidates: Int
    public var done: Int
    /// Sheets attributed to them: graded (disputed ones included) and absent.
    public var graded: Int
    public var absent: Int
}

/// Statistics of the grades of an épreuve (`examiner` nil) or of one corrector on it. Absent candidates
/// and disputed grades are counted apart and kept out of the statistics.
public struct StatisticsLine: Codable, Sendable, Equatable {
    public var epreuve: String
    public var examiner: String?
    public var grades: GradeStatistics
    public var absent: Int
    public var disputed: Int
}

/// Each subject of an épreuve side by side (ECE subjects are given on different days): their statistics
/// and how far each mean lies from the épreuve's; `spread` is the highest subject mean minus the lowest
/// (with two subjects, the difference of their means), nil with fewer than two subjects graded.
public struct SubjectComparison: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var subject: String
        public var grades: GradeStatistics
        /// This subject's mean minus the épreuve's.
        public var fromEpreuveMean: Double?
    }

    public var epreuve: String
    public var subjects: [Line]
    public var spread: Double?
}
