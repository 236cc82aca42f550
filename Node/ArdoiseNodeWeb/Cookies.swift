import Foundation
import ArdoiseHTTPServer

/// The page's two cookies: the session token, and the sign-in form's token (CSRF on sign-in too).
/// Both HttpOnly (no script reads them) and SameSite=Strict (never sent by another site's page); no
/// Max-Age, so closing the browser drops them.
enum Cookies {
    static let session = "ardoise_session"
    static let signIn = "ardoise_connexion"

    static func value(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headerValues("cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    static func set(_ name: String, _ value: String) -> (name: String, value: String) {
        ("Set-Cookie", "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict")
    }

    static func clear(_ name: String) -> (name: String, value: String) {
        ("Set-Cookie", "\(name)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
    }
}
