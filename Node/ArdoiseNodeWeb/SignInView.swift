/// The sign-in form: the examiner's identifier and secret, checked offline against the verifier pulled
/// beforehand (`ExaminerVerifier`, as the CLI does). The form's token is also in a cookie (CSRF on sign-in).
enum SignInView {
    static func render(token: String, examiner: String = "", message: String? = nil, expired: Bool = false) -> Markup {
        var notice: Markup = ""
        if let message {
            notice = "<p class=\"notice refused\" role=\"alert\" id=\"notice\">\(message)</p>"
        } else if expired {
            notice = "<p class=\"notice\" role=\"status\" id=\"notice\">Session expirée : reconnectez-vous.</p>"
        }
        return """
            <h1>Connexion de l'examinateur</h1>\(notice)
            <form class="signin" method="post" action="/connexion" autocomplete="off">
            <input type="hidden" name="csrf" value="\(token)">
            <p><label for="examiner">Identifiant d'examinateur</label>
            <input id="examiner" name="examiner" required maxlength="64" autofocus value="\(examiner)" spellcheck="false" autocapitalize="characters"></p>
            <p><label for="secret">Secret personnel</label>
            <input id="secret" name="secret" type="password" required maxlength="128" autocomplete="off"></p>
            <p><button type="submit">Se connecter</button></p>
            </form>
            <p class="help">Le secret est vérifié sur ce poste, sans réseau. Il n'est gardé qu'en mémoire du poste,
            le temps de la session, pour signer vos saisies ; jamais dans le navigateur ni sur le disque.</p>
            """
    }
}
