import Foundation

/// ECE competency levels (DOMAIN glossary): A done alone, B after open questioning, C given elements,
/// D the examiner supplied the protocol or values.
public enum Level: String, Codable, Sendable, CaseIterable {
    case A, B, C, D
}

/// One competency of a grid and the points each level earns.
public struct Competency: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var points: [String: Double]

    public init(code: String, label: String, points: [String: Double]) {
        self.code = code
        self.label = label
        self.points = points
    }

    public func points(for level: Level) -> Double? { points[level.rawValue] }
    public var maximum: Double { points(for: .A) ?? 0 }
}

/// The barème of a subject (D11): for ECE a competency grid whose A levels add up to 20; for a written or
/// oral épreuve items, each with a maximum and a step, whose maxima add up to 20.
public struct Bareme: Codable, Sendable, Equatable {
    public var competencies: [Competency]
    public var items: [BaremeItem]

    public init(competencies: [Competency]) {
        self.competencies = competencies
        items = []
    }

    public init(items: [BaremeItem]) {
        competencies = []
        self.items = items
    }

    /// Files and snapshots from before written barèmes have no `items`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        competencies = try container.decodeIfPresent([Competency].self, forKey: .competencies) ?? []
        items = try container.decodeIfPresent([BaremeItem].self, forKey: .items) ?? []
    }

    public func competency(_ code: String) -> Competency? {
        competencies.first { $0.code == code }
    }

    public func item(_ code: String) -> BaremeItem? {
        items.first { $0.code == code }
    }

    /// Problems that make the barème unusable, each naming the competency or item.
    public func problems() -> [String] {
        if !items.isEmpty {
            return competencies.isEmpty ? itemProblems() : ["has both competencies and items"]
        }
        var found: [String] = []
        if competencies.isEmpty { found.append("has no competency") }
        var seen = Set<String>()
        for competency in competencies {
            if !seen.insert(competency.code).inserted { found.append("competency \(competency.code) appears twice") }
            var previous = Double.infinity
            for level in Level.allCases {
                guard let points = competency.points(for: level) else {
                    found.append("competency \(competency.code) has no points for level \(level.rawValue)")
                    continue
                }
                if points < 0 || (points * 4).rounded() != points * 4 {
                    found.append("competency \(competency.code) level \(level.rawValue): \(points) is not a positive multiple of 0.25")
                }
                if points > previous {
                    found.append("competency \(competency.code): level \(level.rawValue) earns more than the level above it")
                }
                previous = points
            }
            for key in competency.points.keys where Level(rawValue: key) == nil {
                found.append("competency \(competency.code): unknown level '\(key)' (levels are A, B, C, D)")
            }
        }
        let total = competencies.reduce(0) { $0 + $1.maximum }
        if !competencies.isEmpty && total != 20 {
            found.append("A levels add up to \(total.formatted2), not 20")
        }
        return found
    }
}

/// One item of a written barème: points from 0 to `maximum` by `step` (D11).
public struct BaremeItem: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var maximum: Double
    public var step: Double

    public init(code: String, label: String, maximum: Double, step: Double) {
        self.code = code
        self.label = label
        self.maximum = maximum
        self.step = step
    }

    /// The steps a grade may be entered by: a quarter, a half or a whole point.
    public static let steps: [Double] = [0.25, 0.5, 1]

    /// Whether `points` is a grade of this item: within 0…maximum and a multiple of the step.
    public func accepts(_ points: Double) -> Bool {
        points.isFinite && points >= 0 && points <= maximum && (points / step).rounded() == points / step
    }
}

extension Bareme {
    private func itemProblems() -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        for item in items {
            if !seen.insert(item.code).inserted { found.append("item \(item.code) appears twice") }
            if !BaremeItem.steps.contains(item.step) {
                found.append("item \(item.code): step \(item.step.formatted2) is not 0.25, 0.5 or 1")
            } else if !(item.maximum > 0) || (item.maximum / item.step).rounded() != item.maximum / item.step {
                found.append("item \(item.code): maximum \(item.maximum.formatted2) is not a positive multiple of its step \(item.step.formatted2)")
            }
        }
        let total = items.reduce(0) { $0 + $1.maximum }
        if total != 20 { found.append("items' maxima add up to \(total.formatted2), not 20") }
        return found
    }
}

extension Double {
    /// 12, 12.5, 12.25: the shortest honest form of a grade (grades are multiples of 0.25).
    public var formatted2: String {
        var text = String(format: "%.2f", self)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
