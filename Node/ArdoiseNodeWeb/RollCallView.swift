import ArdoiseNode

/// A lot as a roll call: candidate number, subject, total or AB, disputed, not yet synced; the next
/// candidate to grade has the focus, so Enter opens their sheet. Then locking (D12) and printing (D22).
enum RollCallView {
    static func render(_ lot: LotReport, csrf: String) -> Markup {
        let next = lot.lines.first { !$0.status.isDone }
        let rows: [Markup] = lot.lines.map { line in
            let focus: Markup = line.candidate == next?.candidate ? " autofocus" : ""
            return """
                <tr><th scope="row"><a href="/lots/\(lot.id)/candidats/\(line.candidate)"\(focus)>\(line.candidate)</a></th>\
                <td>\(line.subject ?? "—")</td><td class="total">\(PageWords.status(line.status))</td>\
                <td>\(line.disputed ? "LITIGE" : "")</td><td>\(line.pending ? "non synchronisé" : "")</td></tr>
                """
        }
        let locked = lot.status == .locked
        let lockForm: Markup = locked
            ? "<p id=\"lot-state\">Lot verrouillé\(lot.pending ? " (pas encore synchronisé)" : "").</p>"
            : """
                <form method="post" action="/lots/\(lot.id)/verrouiller" class="inline">\(PageLayout.token(csrf))\
                <button type="submit" id="lock">Verrouiller le lot</button></form>
                <p class="help">Possible quand chaque candidat est noté ou absent et que rien n'est en litige.</p>
                """
        return """
            <h1>Lot \(lot.id) · \(lot.epreuve)</h1>
            <p><a href="/">← Mes lots</a> · \(lot.done) / \(lot.total) candidats traités</p>
            <table class="rollcall"><caption>Appel des candidats du lot \(lot.id)</caption>
            <thead><tr><th scope="col">N° de candidat</th><th scope="col">Sujet</th><th scope="col">Note ou AB</th>\
            <th scope="col">Litige</th><th scope="col">Synchronisation</th></tr></thead><tbody>\(rows)</tbody></table>
            <section class="panel" aria-labelledby="lock-title"><h2 id="lock-title">Fin de l'épreuve</h2>\(lockForm)</section>
            <section class="panel" aria-labelledby="print-title"><h2 id="print-title">Fiches d'évaluation</h2>
            <p><a href="/lots/\(lot.id)/fiches">Fiches vierges du lot</a> · <a href="/lots/\(lot.id)/fiches?remplies=1">Fiches remplies du lot</a></p>
            </section>
            """
    }
}
