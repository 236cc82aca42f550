import Foundation

/// Count, mean, standard deviation, extremes and the distribution on 0–20 of a set of grades (D14).
/// A pure value: the follow-up computes it over the grades of a corrector, an épreuve or a subject.
public struct GradeStatistics: Codable, Sendable, Equatable {
    /// Number of histogram bins: [0,1), [1,2) … [18,19), then [19,20] (20 falls in the last one).
    public static let bins = 20

    public var count: Int
    /// nil when there is no grade.
    public var mean: Double?
    /// Population standard deviation (divided by the count, not count − 1): the spread of the grades
    /// given, not an estimate for a larger population. nil when there is no grade.
    public var standardDeviation: Double?
    public var minimum: Double?
    public var maximum: Double?
    /// `bins` counts, bin `i` holding the grades in [i, i+1) (the last one [19, 20]).
    public var histogram: [Int]

    public init(grades: [Double]) {
        count = grades.count
        var histogram = Array(repeating: 0, count: Self.bins)
        for grade in grades { histogram[Self.bin(of: grade)] += 1 }
        self.histogram = histogram
        guard !grades.isEmpty else { return }
        let mean = grades.reduce(0, +) / Double(grades.count)
        let variance = grades.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(grades.count)
        self.mean = mean
        standardDeviation = variance.squareRoot()
        minimum = grades.min()
        maximum = grades.max()
    }

    /// The bin of a grade on 0–20; grades outside are clamped into the first or last bin.
    public static func bin(of grade: Double) -> Int {
        guard grade.isFinite, grade > 0 else { return 0 }
        return min(Int(grade.rounded(.down)), bins - 1)
    }

    /// "[12, 13)", or "[19, 20]" for the last bin.
    public static func label(ofBin index: Int) -> String {
        index == bins - 1 ? "[\(index), \(index + 1)]" : "[\(index), \(index + 1))"
    }
}
