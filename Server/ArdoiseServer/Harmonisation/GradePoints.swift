import Foundation

/// A grade on 20 in hundredths of a point: harmonised grades are kept, compared and sent at that precision
/// (README "Choices"), while raw grades stay the barème's quarter points.
public struct GradePoints: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hundredths: Int

    public static let zero = GradePoints(hundredths: 0)
    public static let twenty = GradePoints(hundredths: 2000)

    public init(hundredths: Int) { self.hundredths = hundredths }

    /// `points` rounded to the nearest hundredth, halves away from zero; nil when not finite.
    public init?(points: Double) {
        guard points.isFinite, abs(points) < 1_000_000 else { return nil }
        hundredths = Int((points * 100).rounded(.toNearestOrAwayFromZero))
    }

    /// "14.5", "14,25", "+1.5", "-0.75": a sign, at most four digits, at most two decimals; a comma reads as a point.
    public init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
        let negative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...4).contains(whole.count), whole.allSatisfy(\.isASCII), let units = Int(whole),
              parts.count <= 2 else { return nil }
        var cents = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(decimals) else { return nil }
            cents = decimals.count == 1 ? value * 10 : value
        }
        let magnitude = units * 100 + cents
        hundredths = negative ? -magnitude : magnitude
    }

    public var points: Double { Double(hundredths) / 100 }

    /// Within 0–20 (D16 clamps a mass harmonisation there).
    public var clamped: GradePoints { GradePoints(hundredths: min(max(hundredths, 0), 2000)) }

    /// "15.50": two decimals, as transmitted.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let value = abs(hundredths)
        let cents = value % 100
        return "\(sign)\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (lhs: GradePoints, rhs: GradePoints) -> Bool { lhs.hundredths < rhs.hundredths }
}
