import ArdoiseNode
import ArdoiseProtocol

/// A candidate's evaluation sheet as a form (D21): the subject, one group of four levels per competency
/// (one click, or one key: A–D), the comment, the total as it goes, and the level descriptors in view.
/// Every subject's grid is in the page; `page.js` shows the chosen one's, and only its levels count.
enum SheetFormView {
    static func render(_ card: SheetCard, fields: [String: String], csrf: String) -> Markup {
        let base = "/lots/\(card.lot)/candidats/\(card.candidate)"
        let absent = card.fields[SheetField.attendance] == Attendance.absent.rawValue
        let chosen = SheetRules.subjectCode(fields, card.epreuve)
        let attendance: Markup = """
            <form method="post" action="\(base)/absence" class="inline">\(PageLayout.token(csrf))\
            <input type="hidden" name="presence" value="\(absent ? "present" : "absent")">\
            <button type="submit" id="attendance" class="secondary">\(absent ? "Marquer présent" : "Marquer absent (AB)")</button></form>
            """
        let form: Markup = absent
            ? "<p id=\"absent\" class=\"notice\">Candidat marqué absent (AB) : pas de note, ce qui n'est pas 0.</p>"
            : """
                <form method="post" action="\(base)" id="sheet" class="sheet">\(PageLayout.token(csrf))
                \(subjects(card.epreuve, chosen: chosen))
                \(card.epreuve.subjects.map { grid($0, fields: fields, hidden: chosen != nil && chosen != $0.code) })
                <p><label for="comment">Commentaire (facultatif)</label>
                <textarea id="comment" name="comment" rows="2" maxlength="2000">\(fields[SheetField.comment] ?? "")</textarea></p>
                <p class="total-line">Total : <output id="total" for="sheet" aria-live="polite">\(PageWords.status(card.status))</output></p>
                <p><button type="submit" id="save">Enregistrer</button></p>
                </form>
                """
        return """
            <h1>Candidat \(card.candidate)</h1>
            <p><a href="/lots/\(card.lot)">← Lot \(card.lot)</a> · \(card.epreuve.code) \(card.epreuve.label)\
            \(card.pending ? " · saisie non synchronisée" : "")</p>
            <div class="columns"><div class="main-column">
            \(form)
            \(attendance)
            \(details(card))
            </div>
            \(legend())
            </div>
            """
    }

    static func subjects(_ epreuve: Epreuve, chosen: String?) -> Markup {
        guard epreuve.subjects.count > 1 else {
            return "<p>Sujet : <strong>\(epreuve.subjects.first.map { "\($0.code) \($0.label)" } ?? "—")</strong></p>"
        }
        let options: [Markup] = epreuve.subjects.enumerated().map { index, subject in
            let id = "subject-\(index + 1)"
            return """
                <span class="option"><input type="radio" id="\(id)" name="subject" value="\(subject.code)" \
                data-key="\(String(index + 1))"\(chosen == subject.code ? " checked" : "")>\
                <label for="\(id)"><kbd>\(String(index + 1))</kbd> \(subject.code) · \(subject.label)</label></span>
                """
        }
        return "<fieldset class=\"choice subjects\"><legend>Sujet tiré</legend>\(options)</fieldset>"
    }

    static func grid(_ subject: Subject, fields: [String: String], hidden: Bool) -> Markup {
        let competencies: [Markup] = subject.bareme.competencies.map { competency in
            let name = SheetField.level(subject: subject.code, competency: competency.code)
            let options: [Markup] = PageWords.levels.map { level in
                let points = competency.points(for: level.level) ?? 0
                let id = "\(subject.code)-\(competency.code)-\(level.short)"
                return """
                    <span class="option"><input type="radio" id="\(id)" name="\(name)" value="\(level.short)" \
                    data-key="\(level.short)" data-points="\(String(points))" aria-describedby="level-\(level.short)"\
                    \(fields[name] == level.short ? " checked" : "")><label for="\(id)">\(level.short) \
                    <small>\(PageWords.points(points))</small></label></span>
                    """
            }
            return """
                <fieldset class="choice level"><legend>\(competency.code) · \(competency.label) \
                <small>(sur \(PageWords.points(competency.maximum)))</small></legend>\(options)</fieldset>
                """
        }
        return """
            <div class="grid" data-subject="\(subject.code)"\(hidden ? " hidden" : "")>\
            <h2>Grille du sujet \(subject.code)</h2>\(competencies)</div>
            """
    }

    /// The level descriptors, beside the grid while grading, and the keys that grade.
    static func legend() -> Markup {
        let items: [Markup] = PageWords.levels.map { "<dt>\($0.short)</dt><dd id=\"level-\($0.short)\">\($0.meaning)</dd>" }
        return """
            <aside class="legend" aria-labelledby="legend-title"><h2 id="legend-title">Niveaux de maîtrise</h2>
            <dl>\(items)</dl>
            <h2>Clavier</h2><ul class="keys"><li><kbd>1</kbd>, <kbd>2</kbd>… choisit le sujet</li>
            <li><kbd>A</kbd> à <kbd>D</kbd> donne le niveau et passe à la compétence suivante</li>
            <li><kbd>Entrée</kbd> (ou <kbd>Ctrl</kbd>+<kbd>Entrée</kbd> dans le commentaire) enregistre et ouvre le candidat suivant</li>
            <li><kbd>Tab</kbd> / <kbd>Maj</kbd>+<kbd>Tab</kbd> se déplace</li></ul></aside>
            """
    }

    /// What the coordinator changed (D16) and the open report entries of this sheet.
    static func details(_ card: SheetCard) -> Markup {
        var out: Markup = ""
        if let grade = card.fields[SheetField.harmonisedGrade] {
            out = out + """
                <p class="notice" id="harmonised-grade">Note harmonisée par le coordinateur : <strong>\(grade) / 20</strong> \
                (c'est elle qui est transmise). \(card.fields[SheetField.harmonisedReason] ?? "")</p>
                """
        }
        if !card.conflicts.isEmpty {
            let items: [Markup] = card.conflicts.map { record in
                """
                <li>\(record.field) : serveur « \(record.server.value ?? "") » (\(record.server.author)), \
                ce poste « \(record.node.value ?? "") » (\(record.node.author))</li>
                """
            }
            out = out + """
                <div class="notice refused" id="conflicts"><p>\(card.disputed ? "LITIGE : cette note n'est pas transmise tant qu'un coordinateur n'a pas tranché." : "Saisies écartées par le serveur :")</p><ul>\(items)</ul></div>
                """
        }
        return out
    }
}
