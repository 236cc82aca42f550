import ArdoiseHTTPServer
import ArdoiseSupport

/// What every request and answer of the page goes through: the page answers only to this PC's own
/// loopback names (a DNS-rebound name is refused), a state-changing request must come from the page
/// itself, and every answer forbids anything external.
enum PageGuard {
    /// Nothing external: scripts, styles and images from the page only, no frames, forms post back here.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let headers: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        // Not no-referrer: with it, a browser sends `Origin: null` on the page's own form posts.
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        // Grades and sheets are not kept in the browser's cache once the page is closed.
        ("Cache-Control", "no-store"),
    ]

    /// Router-wide middleware: the host check first, then the security headers on every answer.
    static let middleware: Middleware = { request, next in
        var response: HTTPResponse
        do {
            try checkHost(request)
            response = next(request)
        } catch {
            response = PageErrors.response(to: error, request)
        }
        response.headers += headers.filter { header in !response.headers.contains { $0.name == header.name } }
        return response
    }

    static func checkHost(_ request: HTTPRequest) throws {
        guard let host = request.header("host"), Self.isLoopback(host: host) else { throw PageError.wrongHost }
    }

    /// A POST must come from this page: its Origin (when sent) is this host's, the browser does not call it
    /// cross-site or same-site (another port of 127.0.0.1 is same-site), and `token` is the session's.
    static func checkSameOrigin(_ request: HTTPRequest) throws {
        if let origin = request.header("origin"), origin != "http://" + (request.header("host") ?? "") {
            throw PageError.forgedRequest("origine \(origin) refusée")
        }
        if let site = request.header("sec-fetch-site"), site != "same-origin", site != "none" {
            throw PageError.forgedRequest("requête venue d'un autre site (\(site))")
        }
    }

    static func checkToken(_ sent: String?, expected: String) throws {
        guard let sent, Digest.constantTimeEqual(sent, expected) else {
            throw PageError.forgedRequest("jeton anti-CSRF absent ou faux")
        }
    }

    static func isLoopback(host: String) -> Bool {
        var name = Substring(host)
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy(\.isNumber) {
            name = name[..<colon]
        }
        return name == "127.0.0.1" || name.lowercased() == "localhost"
    }
}
