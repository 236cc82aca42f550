import Foundation

/// How a harmonisation changes a grade (D15, D16), always clamped to 0–20 and rounded to the hundredth.
public enum GradeRule: Sendable, Equatable, CustomStringConvertible {
    /// Unit harmonisation: the coordinator's grade for one copy.
    case set(GradePoints)
    /// Mass: x points more (or fewer).
    case shift(GradePoints)
    /// Mass: a linear map g ↦ scale × g + offset, order kept (scale above 0), the scale in ten-thousandths
    /// so that 1.1 × 15.25 is 16.775 exactly, then 16.78.
    case linear(scale: Int, offset: GradePoints)

    /// Checks the rule's numbers; the refusal names the option.
    public static func checked(_ rule: GradeRule) throws -> GradeRule {
        switch rule {
        case .set(let grade):
            guard grade >= .zero && grade <= .twenty else { throw ServerError.badRequest("grade: \(grade) is not between 0 and 20") }
        case .shift(let points):
            guard abs(points.hundredths) <= 2000, points.hundredths != 0 else {
                throw ServerError.badRequest("shift: \(points) is not a change between -20 and 20 points")
            }
        case .linear(let scale, let offset):
            guard scale > 0, scale <= 40_000 else {
                throw ServerError.badRequest("scale: \(Self.decimal(scale)) is not above 0 and at most 4 (a harmonisation keeps the order of the grades)")
            }
            guard abs(offset.hundredths) <= 2000 else { throw ServerError.badRequest("offset: \(offset) is not between -20 and 20") }
        }
        return rule
    }

    /// The grade after the rule, within 0–20.
    public func apply(_ grade: GradePoints) -> GradePoints {
        switch self {
        case .set(let value):
            return value.clamped
        case .shift(let points):
            return GradePoints(hundredths: grade.hundredths + points.hundredths).clamped
        case .linear(let scale, let offset):
            // Grades are not negative and the scale is positive: halves round up, as away from zero.
            let mapped = (max(grade.hundredths, 0) * scale + 5_000) / 10_000
            return GradePoints(hundredths: mapped + offset.hundredths).clamped
        }
    }

    public var description: String {
        switch self {
        case .set(let value): return "set to \(value)"
        case .shift(let points): return "shift \(points.hundredths >= 0 ? "+" : "")\(points)"
        case .linear(let scale, let offset):
            return "× \(Self.decimal(scale)) \(offset.hundredths >= 0 ? "+" : "")\(offset)"
        }
    }

    /// "1.1", "0.95", "2": ten-thousandths as typed.
    static func decimal(_ tenThousandths: Int) -> String {
        let whole = tenThousandths / 10_000, fraction = tenThousandths % 10_000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// "1.1", "0,95": at most four decimals, in ten-thousandths; nil otherwise.
    public static func scale(parsing text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...2).contains(parts[0].count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 10_000 }
        let decimals = parts[1]
        guard (1...4).contains(decimals.count), let value = Int(decimals) else { return nil }
        return whole * 10_000 + value * Int(pow(10, Double(4 - decimals.count)))
    }
}
