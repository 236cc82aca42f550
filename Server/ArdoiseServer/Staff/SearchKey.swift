import Foundation

/// What a name or discipline is compared by: lower case, without accents, one space between words,
/// so `Éloïse LE BRETON` is found by `eloise le breton`, and `SCIENCES PHYSIQUES` by `physiques`.
enum SearchKey {
    static func make(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        let words = folded.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.joined(separator: " ")
    }
}
