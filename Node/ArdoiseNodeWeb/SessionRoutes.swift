import ArdoiseHTTPServer
import ArdoiseNode
import ArdoiseSupport
import Foundation

/// Signing in and out. The secret is checked by `ExaminerVerifier` exactly as the CLI checks it (same
/// verifier, same count of wrong secrets and lockout); the session keeps it in memory (`PageSessions`).
enum SessionRoutes {
    static func add(to routes: RouterBuilder<PageAccess, PageVisitor>, _ context: PageContext) {
        routes.get("/connexion", access: .open) { request in
            try signInForm(expired: request.http.query["expiree"] == "1")
        }
        routes.post("/connexion", access: .open, maxBody: 4096) { request in
            try PageGuard.checkSameOrigin(request.http)
            let form = try FormBody(request.http.body, contentType: request.http.header("content-type"))
            guard let expected = Cookies.value(Cookies.signIn, in: request.http) else {
                throw PageError.forgedRequest("jeton de connexion absent")
            }
            try PageGuard.checkToken(form["csrf"], expected: expected)
            let examiner = (form["examiner"] ?? "").trimmingCharacters(in: .whitespaces)
            let secret = form["secret"] ?? ""
            guard !examiner.isEmpty, !secret.isEmpty, examiner.utf8.count <= 64, secret.utf8.count <= 128 else {
                return try signInForm(examiner: examiner, message: "Donnez votre identifiant et votre secret.", status: 400)
            }
            do {
                try context.desk.run { node in try node.verifier.verify(examiner, secret: secret) }
            } catch let error as NodeError {
                return try signInForm(examiner: examiner, message: PageWords.refusal(error), status: 401)
            }
            let token = try context.sessions.open(examiner: examiner, secret: secret)
            return PageLayout.redirect("/", headers: [Cookies.set(Cookies.session, token), Cookies.clear(Cookies.signIn)])
        }
        routes.post("/deconnexion", maxBody: 1024) { request in
            let session = try PageContext.session(request)
            _ = try PageContext.postedForm(request, session)
            context.sessions.close(session)
            return PageLayout.redirect("/connexion", headers: [Cookies.clear(Cookies.session)])
        }
    }

    /// The form with a fresh sign-in token, also set as a cookie: a page of another site cannot read it.
    static func signInForm(examiner: String = "", message: String? = nil, expired: Bool = false, status: Int = 200) throws -> HTTPResponse {
        let token = try RandomSource.system.token()
        return PageLayout(title: "Connexion").render(
            SignInView.render(token: token, examiner: examiner, message: message, expired: expired),
            status: status, headers: [Cookies.set(Cookies.signIn, token)])
    }
}
