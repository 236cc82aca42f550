import Foundation
import ArdoiseNode
import ArdoiseProtocol

/// The page's French words for the node's values: sheet statuses, points, the competency levels.
enum PageWords {
    /// The level descriptors an examiner grades against (seed 002, DOMAIN "barème").
    static let levels: [(level: Level, short: String, meaning: String)] = [
        (.A, "A", "Le candidat a réussi seul."),
        (.B, "B", "Le candidat a réussi après un questionnement ouvert."),
        (.C, "C", "Le candidat était bloqué : des éléments de réponse lui ont été apportés."),
        (.D, "D", "L'examinateur a dû fournir le protocole ou les valeurs."),
    ]

    /// "15,50": French decimals, two places as the sheets print them.
    static func points(_ value: Double) -> String { String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",") }

    static func status(_ status: SheetStatus) -> String {
        switch status {
        case .notGraded: return "non noté"
        case .partial(let filled, let total): return "partiel \(filled)/\(total)"
        case .graded(let score): return "\(points(score)) / 20"
        case .absent: return "AB"
        }
    }

    /// A refusal as the page shows it: the rule's own words (the CLI's), then what to do.
    static func refusal(_ error: NodeError) -> String {
        var text = "Refusé : \(error.message)"
        switch error.kind {
        case .candidateAbsent: text += " (marquez-le présent d'abord)"
        case .unreachable: text = "Serveur injoignable : rien n'est perdu, synchronisez plus tard. (\(error.message))"
        case .tokenRefused: text += " (ce poste doit être réinscrit : ardoise enrol --again)"
        default: if let hint = error.hint { text += " (\(hint))" }
        }
        return text
    }
}
