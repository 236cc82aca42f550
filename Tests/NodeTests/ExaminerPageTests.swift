import ArdoiseNodeWeb
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport
@testable import ArdoiseNode

/// Issue 11 item 1, the server side of the examiner's page on loopback: sign-in with the CLI's check of
/// the secret, CSRF and origin checks on every POST, session expiry, escaping, and the CLI's refusals.
@Suite(.timeLimit(.minutes(1))) struct ExaminerPageTests {
    let secret = TestSecrets.secret(for: "ex1")

    @Test func signInChecksTheSecretAsTheCLIDoesAndKeepsOnlyAStrictHttpOnlyCookie() throws {
        let browser = try PageBrowser()
        let form = try browser.get("/connexion")
        #expect(form.status == 200 && form.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
        let wrong = try browser.signIn("ex1", "AAAA-AAAA-AAAA")
        #expect(wrong.status == 401 && wrong.body.contains("wrong secret for examiner ex1; nothing was recorded"), "\(wrong.body)")
        #expect(browser.cookies["ardoise_session"] == nil)
        let right = try browser.signIn("ex1", secret)
        #expect(right.status == 303 && right.header("Location") == "/")
        let cookie = try #require(right.headers.first { $0.value.hasPrefix("ardoise_session=") }?.value)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
        let home = try browser.get("/")
        #expect(home.status == 200 && home.body.contains("L1") && !home.body.contains("L2"), "ex1's lots only")
        #expect(!home.body.contains(secret), "the secret never goes back to the browser")
    }

    @Test func everyStateChangingRequestMustComeFromThePageWithTheSessionToken() throws {
        let browser = try PageBrowser()
        _ = try browser.signIn("ex1", secret)
        let token = try browser.csrf()
        let sheet = "/lots/L1/candidats/0231/absence"
        let forged: [PageBrowser.Answer] = [
            try browser.post(sheet, [("presence", "absent")]),
            try browser.post(sheet, [("csrf", "0" + token.dropFirst()), ("presence", "absent")]),
            try browser.post(sheet, [("csrf", token), ("presence", "absent")], origin: "http://127.0.0.1:9"),
            try browser.post(sheet, [("csrf", token), ("presence", "absent")], origin: nil, extra: [("Sec-Fetch-Site", "same-site")]),
        ]
        for answer in forged {
            #expect(answer.status == 403 && answer.body.contains("Requête refusée"), "\(answer.status) \(answer.body)")
        }
        #expect(try browser.get("/lots/L1").body.contains("non noté"), "nothing was recorded")
        #expect(try browser.send("GET", "/", hostHeader: "ardoise.attacker.example").status == 421, "a rebound DNS name")
        let signInElsewhere = try PageBrowser()
        let blind = try signInElsewhere.post("/connexion", [("csrf", "x"), ("examiner", "ex1"), ("secret", secret)])
        #expect(blind.status == 403, "a sign-in posted without the form's cookie")
        let done = try browser.post(sheet, [("csrf", token), ("presence", "absent")], origin: nil)
        let after = try browser.get("/lots/L1").body
        #expect(done.status == 303 && after.contains(">AB<"), "the page's own post is recorded")
    }

    @Test func aSessionEndsAfterItsIdleDelayAndItsLifetimeWhateverTheActivity() throws {
        let browser = try PageBrowser(idle: 600, lifetime: 3600)
        _ = try browser.signIn("ex1", secret)
        browser.clock.advance(599)
        #expect(try browser.get("/").status == 200)
        browser.clock.advance(600)
        let idle = try browser.get("/lots/L1")
        #expect(idle.status == 303 && idle.header("Location") == "/connexion?expiree=1")
        _ = try browser.signIn("ex1", secret)
        for _ in 0..<7 {
            browser.clock.advance(500)
            #expect(try browser.get("/").status == 200)
        }
        browser.clock.advance(200)
        #expect(try browser.get("/").status == 303, "3,700 s after sign-in, however active")
        let out = try browser.post("/deconnexion", [("csrf", "x")])
        #expect(out.status == 303 && out.header("Location")?.hasPrefix("/connexion") == true)
    }

    @Test func whatThePageShowsIsEscaped() throws {
        let browser = try PageBrowser()
        _ = try browser.signIn("ex1", secret)
        let comment = "<script>alert(\"x\")</script> & 'bien'"
        let saved = try browser.post("/lots/L1/candidats/0231", [("csrf", try browser.csrf()), ("subject", "S1"),
                                                                 ("level.S1.APP", "A"), ("comment", comment)])
        #expect(saved.status == 303, "\(saved.body)")
        for path in ["/lots/L1/candidats/0231", "/lots/L1/fiches?remplies=1"] {
            let body = try browser.get(path).body
            #expect(body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;bien&#39;"), "\(path)")
            #expect(!body.contains("<script>alert"), "\(path)")
        }
        #expect(try browser.get("/lots/%3Cb%3E").body.contains("&lt;b&gt;"), "a refusal naming what was typed")
    }

    @Test func theRefusalsAreTheCLIsOwnAndNothingIsRecorded() throws {
        let browser = try PageBrowser()
        _ = try browser.signIn("ex1", secret)
        let token = try browser.csrf()
        let cases: [(String, [(String, String)], String)] = [
            ("/lots/L1/candidats/0231", [("subject", "S1"), ("level.S1.APP", "E")], "level &#39;E&#39; for APP is not in the grid"),
            ("/lots/L1/candidats/0231", [("subject", "S9")], "subject S9 is not a subject of T011B"),
            ("/lots/L1/candidats/0231", [("level.S1.APP", "A")], "choose the subject first: T011B has several (S1, S2)"),
        ]
        for (path, fields, message) in cases {
            let answer = try browser.post(path, [("csrf", token)] + fields)
            #expect(answer.body.contains(message), "\(fields): \(answer.status) \(answer.body)")
        }
        let notTheirs = try browser.get("/lots/L2")
        #expect(notTheirs.status == 422 && notTheirs.body.contains("lot L2 is not a lot of examiner ex1"), "\(notTheirs.body)")
        let lock = try browser.post("/lots/L1/verrouiller", [("csrf", token)])
        #expect(lock.status == 303)
        let refused = try browser.get("/lots/L1").body
        #expect(refused.contains("Verrouillage refusé") && refused.contains("neither graded nor absent"), "\(refused)")
        #expect(refused.contains("Verrouiller le lot"), "still open")
    }
}
