/// One day of a mission with its start and end times, as the convocation prints it:
/// "lundi 1er février 2021, de 08h00 à 12h00".
public struct MissionSlot: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight.
    public var startMinute: Int
    public var endMinute: Int

    public init(year: Int, month: Int, day: Int, startMinute: Int, endMinute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// From "2021-02-01", "08:00" and "12:00"; a one-line error otherwise.
    public init(date: String, start: String, end: String) throws {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard date.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]) else {
            throw DocumentsError("invalid mission date \"\(date.prefix(40))\" (expected YYYY-MM-DD)")
        }
        self.init(year: year, month: month, day: day, startMinute: try Self.minute(start), endMinute: try Self.minute(end))
        try validate()
    }

    /// Refuses impossible dates and an end that is not after the start.
    public func validate() throws {
        guard (2000...2100).contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else {
            throw DocumentsError("invalid mission date \(year)-\(month)-\(day)")
        }
        guard (0..<1440).contains(startMinute), (1...1440).contains(endMinute), endMinute > startMinute else {
            throw DocumentsError("invalid mission hours on \(year)-\(month)-\(day): the end must follow the start")
        }
    }

    /// "lundi 1er février 2021, de 08h00 à 12h00"
    public var frenchText: String {
        let weekday = Self.weekdays[Self.weekdayIndex(year: year, month: month, day: day)]
        let dayText = day == 1 ? "1er" : String(day)
        return "\(weekday) \(dayText) \(Self.months[month - 1]) \(year), de \(Self.clock(startMinute)) à \(Self.clock(endMinute))"
    }

    static func clock(_ minute: Int) -> String {
        let hours = minute / 60
        let minutes = minute % 60
        return (hours < 10 ? "0" : "") + "\(hours)h" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    private static func minute(_ text: String) throws -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.utf8.count == 5, parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1440 else {
            throw DocumentsError("invalid time \"\(text.prefix(20))\" (expected HH:MM)")
        }
        return hours * 60 + minutes
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 for Monday ... 6 for Sunday, from the days since 1970-01-01 (a Thursday); Howard Hinnant's
    /// days_from_civil, valid for the whole Gregorian calendar.
    static func weekdayIndex(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days % 7) + 7 + 3) % 7
    }

    private static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    private static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                 "septembre", "octobre", "novembre", "décembre"]
}
