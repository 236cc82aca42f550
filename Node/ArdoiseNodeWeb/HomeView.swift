import ArdoiseNode

/// The examiner's home: their lots with progress, where the PC stands with the server (and the button
/// that syncs), and the grades a coordinator changed, with why (D16).
enum HomeView {
    static func render(lots: [LotReport], status: NodeStatus, harmonised: [HarmonisedGrade], csrf: String) -> Markup {
        let rows: [Markup] = lots.map { lot in
            let state = lot.status == .locked ? "verrouillé" : "ouvert"
            return """
                <tr><th scope="row"><a href="/lots/\(lot.id)">\(lot.id)</a></th><td>\(lot.epreuve)</td>\
                <td>\(state)\(lot.pending ? " (non synchronisé)" : "")</td><td>\(lot.done) / \(lot.total)</td></tr>
                """
        }
        let lotsTable: Markup = lots.isEmpty
            ? "<p>Aucun lot de vos groupes d'examinateurs sur ce poste.</p>"
            : """
                <table><caption>Mes lots</caption><thead><tr><th scope="col">Lot</th><th scope="col">Épreuve</th>\
                <th scope="col">État</th><th scope="col">Candidats traités</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        return """
            <h1>Mes lots</h1>
            \(lotsTable)
            <section aria-labelledby="sync-title" class="panel">
            <h2 id="sync-title">Synchronisation</h2>
            <dl class="facts" id="sync-state">
            <dt>Saisies non envoyées</dt><dd id="pending">\(status.pending)</dd>
            <dt>Envoyées, pas encore revenues</dt><dd>\(status.awaitingPull)</dd>
            <dt>Dernière synchronisation</dt><dd>\(status.lastSync ?? "jamais")</dd>
            <dt>Conflits ouverts au centre</dt><dd>\(status.openConflicts)</dd>
            <dt>Serveur</dt><dd>\(status.server)</dd>
            </dl>
            <form method="post" action="/synchroniser">\(PageLayout.token(csrf))<button type="submit" id="sync">Synchroniser maintenant</button></form>
            </section>
            \(harmonisations(harmonised))
            """
    }

    static func harmonisations(_ grades: [HarmonisedGrade]) -> Markup {
        let body: Markup
        if grades.isEmpty {
            body = "<p>Aucune note de vos lots n'a été harmonisée.</p>"
        } else {
            let rows: [Markup] = grades.map {
                "<tr><td>\($0.epreuve)</td><td>\($0.candidate)</td><td>\($0.grade) / 20</td><td>\($0.reason)</td></tr>"
            }
            body = """
                <table id="harmonised"><caption>Notes harmonisées (la note transmise est celle-ci ; la vôtre reste conservée)</caption>
                <thead><tr><th scope="col">Épreuve</th><th scope="col">Candidat</th><th scope="col">Note harmonisée</th>\
                <th scope="col">Par qui, comment, pourquoi</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        return """
            <section aria-labelledby="harmonised-title" class="panel"><h2 id="harmonised-title">Modifications du coordinateur</h2>\(body)</section>
            """
    }
}
