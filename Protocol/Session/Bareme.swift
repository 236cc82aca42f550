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

/// The barème of an ECE subject: a competency grid whose A levels add up to 20 (D11).
public struct Bareme: Codable, Sendable, Equatable {
    public var competencies: [Competency]

    public init(competencies: [Competency]) { self.competencies = competencies }

    public func competency(_ code: String) -> Competency? {
        competencies.first { $0.code == code }
    }

    /// Problems that make the barème unusable, each naming the competency.
    public func problems() -> [String] {
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

extension Double {
    /// 12, 12.5, 12.25: the shortest honest form of a grade (grades are multiples of 0.25).
    public var formatted2: String {
        var text = String(format: "%.2f", self)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
