import ArdoiseNode
import ArdoiseProtocol

/// A whole lot's evaluation sheets to print from the browser (D22): blank, to fill by hand when the PC
/// cannot be used, or filled, as graded. One sheet per printed page; candidate numbers only (D9).
enum PrintSheetsView {
    static func render(lot: LotReport, cards: [SheetCard], filled: Bool) -> Markup {
        let title = filled ? "Fiches d'évaluation remplies" : "Fiches d'évaluation vierges"
        let sheets: [Markup] = cards.map { sheet($0, fields: filled ? $0.fields : [:]) }
        return """
            <div class="no-print"><h1>\(title) · lot \(lot.id)</h1>
            <p><button type="button" data-print id="print">Imprimer</button> <a href="/lots/\(lot.id)">← Lot \(lot.id)</a></p></div>
            \(sheets)
            """
    }

    static func sheet(_ card: SheetCard, fields: [String: String]) -> Markup {
        let status = SheetRules.status(of: fields, in: card.epreuve)
        let attendance: String
        switch fields[SheetField.attendance] {
        case Attendance.absent.rawValue?: attendance = "☐ présent   ☒ absent (AB)"
        case Attendance.present.rawValue?: attendance = "☒ présent   ☐ absent (AB)"
        default: attendance = status == .notGraded ? "☐ présent   ☐ absent (AB)" : "☒ présent   ☐ absent (AB)"
        }
        let chosen = SheetRules.subjectCode(fields, card.epreuve)
        let subjects = chosen.flatMap { card.epreuve.subject($0) }.map { [$0] } ?? card.epreuve.subjects
        let subjectLine = card.epreuve.subjects.map { ($0.code == chosen ? "☒ " : "☐ ") + $0.code }.joined(separator: "   ")
        let total: String
        switch status {
        case .graded(let score): total = PageWords.points(score) + " / 20"
        case .absent: total = "AB (absent : pas de note, ce qui n'est pas 0)"
        default: total = "______ / 20"
        }
        var harmonised: Markup = ""
        if let grade = fields[SheetField.harmonisedGrade] {
            harmonised = "<p>Note harmonisée : \(grade) / 20 (transmise) · \(fields[SheetField.harmonisedReason] ?? "")</p>"
        }
        let comment = fields[SheetField.comment].flatMap { $0.isEmpty ? nil : $0 }
        return """
            <article class="printed-sheet"><h2>Fiche d'évaluation · \(card.epreuve.code) \(card.epreuve.label)</h2>
            <p>Candidat n° <strong>\(card.candidate)</strong> · lot \(card.lot)</p>
            <p>Présence : \(attendance)</p><p>Sujet : \(subjectLine)</p>
            \(subjects.map { table($0, fields: fields) })
            <p class="printed-total">Total : \(total)</p>\(harmonised)
            <p>Commentaire : \(comment ?? "________________________________________________")</p>
            <p class="signature">Signature de l'examinateur :</p></article>
            """
    }

    static func table(_ subject: Subject, fields: [String: String]) -> Markup {
        let rows: [Markup] = subject.bareme.competencies.map { competency in
            let entered = fields[SheetField.level(subject: subject.code, competency: competency.code)]
            let cells: [Markup] = Level.allCases.map { level in
                let mark = entered == level.rawValue ? "☒" : "☐"
                return "<td>\(mark) \(level.rawValue) (\(PageWords.points(competency.points(for: level) ?? 0)))</td>"
            }
            return "<tr><th scope=\"row\">\(competency.code) · \(competency.label)</th>\(cells)</tr>"
        }
        return """
            <table class="printed-grid"><caption>Sujet \(subject.code) · \(subject.label)</caption>
            <thead><tr><th scope="col">Compétence</th><th scope="col">A</th><th scope="col">B</th><th scope="col">C</th>\
            <th scope="col">D</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
