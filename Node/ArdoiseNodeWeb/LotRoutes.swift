import ArdoiseHTTPServer
import ArdoiseNode

/// The examiner's lots, a lot's roll call, its printable sheets, the sync state and the sync itself.
enum LotRoutes {
    static func add(to routes: RouterBuilder<PageAccess, PageVisitor>, _ context: PageContext) {
        routes.get("/") { request in
            let session = try PageContext.session(request)
            let (lots, status, harmonised) = try context.desk.run { node in
                let desk = ExaminerDesk(node: node)
                return (try desk.lots(of: session.examiner), try node.reports.status(), try desk.harmonisations(of: session.examiner))
            }
            return context.layout("Mes lots", session)
                .render(HomeView.render(lots: lots, status: status, harmonised: harmonised, csrf: session.csrf))
        }
        routes.post("/synchroniser", maxBody: 1024) { request in
            let session = try PageContext.session(request)
            _ = try PageContext.postedForm(request, session)
            do {
                let summary = try context.desk.run { node in try node.sync.sync(over: try context.network(node)) }
                context.sessions.tell(session, words(summary))
            } catch let error as NodeError {
                context.sessions.tell(session, PageWords.refusal(error), refused: true)
            }
            return PageLayout.redirect("/")
        }
        routes.get("/lots/:lot") { request in
            let session = try PageContext.session(request)
            let lot = try context.desk.run { node in try ExaminerDesk(node: node).lot(try parameter(request, "lot"), of: session.examiner) }
            return context.layout("Lot \(lot.id)", session).render(RollCallView.render(lot, csrf: session.csrf))
        }
        routes.post("/lots/:lot/verrouiller", maxBody: 1024) { request in
            let session = try PageContext.session(request)
            _ = try PageContext.postedForm(request, session)
            let id = try parameter(request, "lot")
            do {
                try context.act(session) { node in _ = try node.grading.lock(as: session.examiner, secret: session.secret, lot: id) }
                context.sessions.tell(session, "Lot \(id) verrouillé (pas encore synchronisé).")
            } catch let error as NodeError {
                context.sessions.tell(session, "Verrouillage refusé. " + PageWords.refusal(error), refused: true)
            }
            return PageLayout.redirect("/lots/\(id)")
        }
        routes.get("/lots/:lot/fiches") { request in
            let session = try PageContext.session(request)
            let filled = request.http.query["remplies"] == "1"
            let (lot, cards) = try context.desk.run { node in
                let desk = ExaminerDesk(node: node)
                let lot = try desk.lot(try parameter(request, "lot"), of: session.examiner)
                return (lot, try lot.lines.map { try desk.sheet(lot: lot.id, candidate: $0.candidate, of: session.examiner) })
            }
            var layout = context.layout(filled ? "Fiches remplies" : "Fiches vierges", session)
            layout.bodyClass = "print"
            return layout.render(PrintSheetsView.render(lot: lot, cards: cards, filled: filled))
        }
    }

    static func parameter(_ request: RouteRequest<PageVisitor>, _ name: String) throws -> String {
        guard let value = request.parameters[name], value.utf8.count <= 64 else { throw PageError.notFound }
        return value
    }

    static func words(_ summary: SyncSummary) -> String {
        var text = "Synchronisation faite : \(summary.pushed) saisie(s) envoyée(s) (\(summary.applied) appliquée(s), "
            + "\(summary.conflicts) en conflit, \(summary.rejected) refusée(s)), \(summary.pulled) changement(s) reçu(s)."
        if summary.harmonised > 0 { text += " \(summary.harmonised) note(s) harmonisée(s) par un coordinateur : voir ci-dessous." }
        if summary.referenceUpdated { text += " Données du jour mises à jour." }
        return text
    }
}
