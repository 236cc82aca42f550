import ArdoiseHTTPServer
import ArdoiseNode
import ArdoiseSupport

/// The page's one mapping from errors to answers, in French. A refusal of the node's rules is shown
/// by the action itself (it knows the page to go back to); what reaches here is the rest.
enum PageErrors {
    static func response(to error: Error, _ request: HTTPRequest) -> HTTPResponse {
        switch error {
        case PageError.signInNeeded(let expired):
            return PageLayout.redirect(expired ? "/connexion?expiree=1" : "/connexion",
                                       headers: [Cookies.clear(Cookies.session)])
        case PageError.forgedRequest(let why):
            return page(403, "Requête refusée", "Cette demande ne vient pas de cette page (\(why)) : rien n'a été enregistré.")
        case PageError.wrongHost:
            return HTTPResponse.text(421, "ce poste ne répond qu'à 127.0.0.1 et localhost\n")
        case PageError.badRequest(let why):
            return page(400, "Requête invalide", why)
        case PageError.notFound:
            return page(404, "Page introuvable", "Cette page n'existe pas.")
        case let error as RoutingError:
            return page(error.status, "Requête refusée", error.status == 404 ? "Cette page n'existe pas." : "Requête non acceptée.")
        case let error as NodeError:
            return page(error.kind == .refused ? 422 : 503, "Action impossible", PageWords.refusal(error))
        default:
            return page(500, "Erreur", "Erreur interne du poste ; rien n'a été enregistré.")
        }
    }

    static func page(_ status: Int, _ title: String, _ text: String) -> HTTPResponse {
        PageLayout(title: title).render("""
            <h1>\(title)</h1><p>\(text)</p><p><a href="/">Retour à mes lots</a></p>
            """, status: status)
    }
}
