/// Why the page answers something else than what was asked; the words are the page's (French).
enum PageError: Error, Sendable {
    /// No session, or it expired: back to the sign-in form.
    case signInNeeded(expired: Bool)
    /// A state-changing request that did not come from this page (CSRF token, Origin, Sec-Fetch-Site).
    case forgedRequest(String)
    /// A Host that is not this PC's loopback (DNS rebinding).
    case wrongHost
    case badRequest(String)
    case notFound
}
