import ArdoiseNode
import ArdoiseProtocol
import Foundation

/// What a posted sheet changes: only the fields whose value differs from the sheet as shown, so an
/// operation never carries an unchanged field (it would fight another PC's edit of it on merge).
struct SheetChange {
    var subject: String?
    var levels: [String: String] = [:]
    var comment: String?

    init(form: FormBody, card: SheetCard) {
        if let chosen = form["subject"], !chosen.isEmpty, chosen != card.fields[SheetField.subject] { subject = chosen }
        if let code = subject ?? SheetRules.subjectCode(card.fields, card.epreuve) {
            for competency in card.epreuve.subject(code)?.bareme.competencies ?? [] {
                let name = SheetField.level(subject: code, competency: competency.code)
                if let level = form[name], !level.isEmpty, level != card.fields[name] { levels[competency.code] = level }
            }
        } else {
            // No subject yet: levels typed in any grid go to the rules, which ask for the subject first (D11).
            for grid in card.epreuve.subjects {
                for competency in grid.bareme.competencies {
                    if let level = form[SheetField.level(subject: grid.code, competency: competency.code)], !level.isEmpty {
                        levels[competency.code] = level
                    }
                }
            }
        }
        // Browsers send a textarea's line breaks as CRLF.
        let typed = form["comment"]?.replacingOccurrences(of: "\r\n", with: "\n")
        if let typed, typed != (card.fields[SheetField.comment] ?? "") { comment = typed }
    }

    var isEmpty: Bool { subject == nil && levels.isEmpty && comment == nil }

    /// The sheet as typed, to show the form again after a refusal.
    func typed(over card: SheetCard) -> [String: String] {
        var fields = card.fields
        if let subject { fields[SheetField.subject] = subject }
        let code = SheetRules.subjectCode(fields, card.epreuve) ?? ""
        for (competency, level) in levels { fields[SheetField.level(subject: code, competency: competency)] = level }
        if let comment { fields[SheetField.comment] = comment }
        return fields
    }
}
