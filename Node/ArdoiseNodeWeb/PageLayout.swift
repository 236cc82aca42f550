import ArdoiseHTTPServer

/// The frame of every page: French, a skip link, the signed-in examiner with the sign-out button, the
/// message of the last action, and the idle delay after which the page clears itself (`page.js`).
struct PageLayout {
    var title: String
    var examiner: String? = nil
    var csrf: String? = nil
    var notice: PageSessions.Notice? = nil
    var idleSeconds: Int? = nil
    /// "print" for the sheets to print: the header and buttons are not printed.
    var bodyClass = ""

    func render(_ main: Markup, status: Int = 200, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        let idle: Markup = idleSeconds.map { " data-idle=\"\(String($0))\"" } ?? ""
        var who: Markup = ""
        if let examiner, let csrf {
            who = """
                <form class="signout" method="post" action="/deconnexion">\(Self.token(csrf))\
                <span>Connecté : <strong>\(examiner)</strong></span> \
                <button type="submit">Se déconnecter</button></form>
                """
        }
        var message: Markup = ""
        if let notice {
            message = notice.refused
                ? "<p class=\"notice refused\" role=\"alert\" id=\"notice\">\(notice.text)</p>"
                : "<p class=\"notice done\" role=\"status\" id=\"notice\">\(notice.text)</p>"
        }
        let page: Markup = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Ardoise</title>
            <link rel="stylesheet" href="/static/page.css"><script src="/static/page.js" defer></script>
            </head><body class="\(bodyClass)"\(idle)>
            <a class="skip" href="#main">Aller au contenu</a>
            <header class="top"><p class="brand"><a href="/">Ardoise · poste de laboratoire</a></p>\(who)</header>
            <main id="main" tabindex="-1">\(message)
            \(main)
            </main></body></html>
            """
        return HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + headers,
                            body: Array(page.html.utf8))
    }

    /// The hidden field every form of a session carries.
    static func token(_ csrf: String) -> Markup { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" }

    /// After a POST, the page to show next (Post/Redirect/Get: a reload does not post again).
    static func redirect(_ location: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: 303, headers: [("Location", location)] + headers)
    }
}
