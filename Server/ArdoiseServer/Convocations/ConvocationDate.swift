/// One day of a mission with its start and end time, written `2026-06-17T08:00-12:00`: the same day,
/// the start before the end (D3).
public struct ConvocationDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// ISO date, `2026-06-17`.
    public let day: String
    /// `HH:MM`, 24 hours.
    public let start: String
    public let end: String

    public static let example = "2026-06-17T08:00-12:00"

    public init(day: String, start: String, end: String) throws {
        guard Self.isDay(day) else { throw Self.refusal("\"\(day)\" is not a day of the calendar (YYYY-MM-DD)") }
        guard let from = Self.minutes(start) else { throw Self.refusal("start \"\(start)\" is not a time (HH:MM)") }
        guard let to = Self.minutes(end) else { throw Self.refusal("end \"\(end)\" is not a time (HH:MM)") }
        guard from < to else { throw Self.refusal("\(day): the start \(start) is not before the end \(end)") }
        self.day = day
        self.start = start
        self.end = end
    }

    /// Reads `2026-06-17T08:00-12:00`.
    public init(parsing text: String) throws {
        let halves = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let times = halves.count == 2 ? halves[1].split(separator: "-", omittingEmptySubsequences: false) : []
        guard halves.count == 2, times.count == 2 else {
            throw Self.refusal("\"\(text)\" is not a day with its start and end time (\(Self.example))")
        }
        try self.init(day: String(halves[0]), start: String(times[0]), end: String(times[1]))
    }

    public var description: String { "\(day)T\(start)-\(end)" }

    public static func < (lhs: ConvocationDate, rhs: ConvocationDate) -> Bool {
        (lhs.day, lhs.start, lhs.end) < (rhs.day, rhs.start, rhs.end)
    }

    /// Checks a convocation's dates: at least one, at most `limit`, no two overlapping on one day.
    /// Returns them in order.
    public static func checked(_ dates: [ConvocationDate], limit: Int = 60) throws -> [ConvocationDate] {
        guard !dates.isEmpty else { throw refusal("at least one date is needed (--date \(example))") }
        guard dates.count <= limit else { throw refusal("more than \(limit) dates") }
        let sorted = dates.sorted()
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.day == later.day {
            if (minutes(later.start) ?? 0) < (minutes(earlier.end) ?? 0) {
                throw refusal("\(earlier) and \(later) overlap")
            }
        }
        return sorted
    }

    /// The stored form: the dates in order, separated by spaces.
    static func encode(_ dates: [ConvocationDate]) -> String { dates.map(\.description).joined(separator: " ") }

    static func decode(_ text: String) throws -> [ConvocationDate] {
        try text.split(separator: " ").map { try ConvocationDate(parsing: String($0)) }
    }

    private static func refusal(_ problem: String) -> ServerError { ServerError.badRequest("date: \(problem)") }

    /// Minutes since midnight of `HH:MM`, nil if it is not one.
    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60 else { return nil }
        return hours * 60 + minutes
    }

    private static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 2000, (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }
}
