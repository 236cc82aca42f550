import ArdoiseHTTPServer
import ArdoiseNode
import ArdoiseProtocol
import Foundation

/// A candidate's sheet: shown as a form, saved through `Grading.grade`, attendance through
/// `Grading.markAttendance`: the CLI's transaction and rules, nothing of the page's own.
enum GradingRoutes {
    static let sheetPath = "/lots/:lot/candidats/:candidate"

    static func add(to routes: RouterBuilder<PageAccess, PageVisitor>, _ context: PageContext) {
        routes.get(sheetPath) { request in
            let session = try PageContext.session(request)
            let card = try context.desk.run { node in try sheetCard(node, request, session) }
            return context.layout("Candidat \(card.candidate)", session)
                .render(SheetFormView.render(card, fields: card.fields, csrf: session.csrf))
        }
        routes.post(sheetPath, maxBody: 8192) { request in
            let session = try PageContext.session(request)
            let form = try PageContext.postedForm(request, session)
            let card = try context.desk.run { node in try sheetCard(node, request, session) }
            let change = SheetChange(form: form, card: card)
            guard !change.isEmpty else {
                context.sessions.tell(session, "Candidat \(card.candidate) : rien de changé.")
                return PageLayout.redirect(try next(context, session, after: card))
            }
            do {
                let status = try context.act(session) { node in
                    try node.grading.grade(as: session.examiner, secret: session.secret, epreuve: card.epreuve.code,
                                           candidate: card.candidate, subject: change.subject, levels: change.levels,
                                           comment: change.comment)
                    return try node.reports.sheetStatus(epreuve: card.epreuve.code, candidate: card.candidate)
                }
                context.sessions.tell(session, "Enregistré : candidat \(card.candidate), \(PageWords.status(status)) (pas encore synchronisé).")
                return PageLayout.redirect(try next(context, session, after: card))
            } catch let error as NodeError {
                // The form again with what was typed, and the rule's reason.
                var layout = context.layout("Candidat \(card.candidate)", session)
                layout.notice = PageSessions.Notice(text: PageWords.refusal(error), refused: true)
                return layout.render(SheetFormView.render(card, fields: change.typed(over: card), csrf: session.csrf), status: 422)
            }
        }
        routes.post(sheetPath + "/absence", maxBody: 1024) { request in
            let session = try PageContext.session(request)
            let form = try PageContext.postedForm(request, session)
            let card = try context.desk.run { node in try sheetCard(node, request, session) }
            let present = form["presence"] == "present"
            do {
                try context.act(session) { node in
                    _ = try node.grading.markAttendance(as: session.examiner, secret: session.secret, epreuve: card.epreuve.code,
                                                        candidate: card.candidate, present: present)
                }
                context.sessions.tell(session, "Candidat \(card.candidate) marqué \(present ? "présent" : "absent (AB)") (pas encore synchronisé).")
                return PageLayout.redirect(present ? "/lots/\(card.lot)/candidats/\(card.candidate)" : try next(context, session, after: card))
            } catch let error as NodeError {
                context.sessions.tell(session, PageWords.refusal(error), refused: true)
                return PageLayout.redirect("/lots/\(card.lot)/candidats/\(card.candidate)")
            }
        }
    }

    static func sheetCard(_ node: Node, _ request: RouteRequest<PageVisitor>, _ session: PageSessions.Session) throws -> SheetCard {
        try ExaminerDesk(node: node).sheet(lot: try LotRoutes.parameter(request, "lot"),
                                           candidate: try LotRoutes.parameter(request, "candidate"), of: session.examiner)
    }

    /// The next candidate of the lot still to grade (after this one, then from the top), else the roll call.
    static func next(_ context: PageContext, _ session: PageSessions.Session, after card: SheetCard) throws -> String {
        let lot = try context.desk.run { node in try ExaminerDesk(node: node).lot(card.lot, of: session.examiner) }
        let index = lot.lines.firstIndex { $0.candidate == card.candidate } ?? 0
        let order = lot.lines[(index + 1)...] + lot.lines[..<index]
        guard let line = order.first(where: { !$0.status.isDone }) else { return "/lots/\(card.lot)" }
        return "/lots/\(card.lot)/candidats/\(line.candidate)"
    }
}
