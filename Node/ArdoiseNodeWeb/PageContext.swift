import ArdoiseHTTPServer
import ArdoiseNode

/// Who a route requires: anyone (sign-in form, style, script) or a signed-in examiner.
enum PageAccess: Sendable {
    case open, signedIn
}

/// Who made a request, as `authenticate` found out.
enum PageVisitor: Sendable {
    case anyone
    case examiner(PageSessions.Session)
}

/// What the page's handlers share: the node (one request at a time), the sessions, and how to reach
/// the server when the examiner asks for a sync.
struct PageContext: Sendable {
    let desk: NodeDesk
    let sessions: PageSessions
    let network: @Sendable (Node) throws -> any NodeTransport

    /// `authenticate` for the router: a signed-in route needs the cookie of a live session.
    func authenticate(_ access: PageAccess, _ request: HTTPRequest) throws -> PageVisitor {
        guard access == .signedIn else { return .anyone }
        guard let token = Cookies.value(Cookies.session, in: request) else { throw PageError.signInNeeded(expired: false) }
        return .examiner(try sessions.session(token: token))
    }

    static func session(_ request: RouteRequest<PageVisitor>) throws -> PageSessions.Session {
        guard case .examiner(let session) = request.principal else { throw PageError.signInNeeded(expired: false) }
        return session
    }

    /// A state-changing request of a session: from this page (Origin, Sec-Fetch-Site) and carrying the
    /// session's token; returns its form.
    static func postedForm(_ request: RouteRequest<PageVisitor>, _ session: PageSessions.Session) throws -> FormBody {
        try PageGuard.checkSameOrigin(request.http)
        let form = try FormBody(request.http.body, contentType: request.http.header("content-type"))
        try PageGuard.checkToken(form["csrf"], expected: session.csrf)
        return form
    }

    /// Runs an examiner's action with the node: their secret is checked again first, as the CLI checks it
    /// before each action (a credential replaced by a sync ends the session), then the action signs with it.
    func act<T: Sendable>(_ session: PageSessions.Session, _ action: (Node) throws -> T) throws -> T {
        try desk.run { node in
            do {
                try node.verifier.verify(session.examiner, secret: session.secret)
            } catch {
                sessions.close(session)
                throw PageError.signInNeeded(expired: true)
            }
            return try action(node)
        }
    }

    /// The layout of a signed-in page, with the message left by the last action.
    func layout(_ title: String, _ session: PageSessions.Session) -> PageLayout {
        PageLayout(title: title, examiner: session.examiner, csrf: session.csrf, notice: sessions.takeNotice(session),
                   idleSeconds: sessions.idleSeconds)
    }
}
