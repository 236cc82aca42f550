import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Synchronization
import Testing

extension Fixture {
    /// Issues `person` a personal secret and signs them in; returns the session token.
    func signIn(_ person: String) throws -> String {
        let secret = try central.personSecrets.issue(person: person)
        return try central.personSessions.signIn(person: person, secret: secret).token
    }
}

/// Issue 9 item 6: people sign in as themselves with a personal secret issued once; the session token
/// expires on the injected clock; the audit names the person.
@Suite struct PersonSignInTests {
    /// A central over the fixture's store whose clock the test moves.
    final class Clock: Sendable {
        let now = Mutex<Double>(1_800_000_000)
        var wall: WallClock { WallClock { self.now.withLock { $0 } } }
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
    }

    @Test func aCoordinatorSignsInAndTheTokenNamesThem() throws {
        let fixture = try Fixture()
        let secret = try fixture.central.personSecrets.issue(person: "COORD")
        #expect(secret.count == 14 && secret.split(separator: "-").count == 3, "60 bits in 3 groups: \(secret)")
        // Typed in lower case with spaces around, as people do.
        let session = try fixture.central.personSessions.signIn(person: "COORD", secret: " \(secret.lowercased()) ")
        #expect(session.person == "COORD" && session.roles == ["coordinator of T011B"] && session.token.count == 64)
        let person = try #require(try fixture.central.personSessions.authenticate(token: session.token))
        #expect(person.id == "COORD" && person.grants == [.coordinator(epreuve: "T011B")])
        let audit = try fixture.central.audit.entries()
        #expect(audit.contains { $0.actor == "manager" && $0.action == "person-secret" && $0.detail.contains("COORD") })
        #expect(audit.contains { $0.actor == "COORD" && $0.action == "sign-in" })
        #expect(!audit.contains { $0.detail.contains(secret) || $0.detail.contains(session.token) }, "never in the audit")
        // Only a verifier is kept: neither the secret nor the token is anywhere in the database file.
        let database = try String(decoding: Data(contentsOf: URL(fileURLWithPath: fixture.folder + "/central.sqlite")), as: UTF8.self)
        #expect(!database.contains(secret) && !database.contains(session.token))
    }

    @Test func aWrongSecretAndAnUnknownPersonAreRefusedAlike() throws {
        let fixture = try Fixture()
        _ = try fixture.central.personSecrets.issue(person: "COORD")
        let wrong = #expect(throws: ServerError.self) { try fixture.central.personSessions.signIn(person: "COORD", secret: "AAAA-BBBB-CCCC") }
        let unknown = #expect(throws: ServerError.self) { try fixture.central.personSessions.signIn(person: "NOBODY", secret: "AAAA-BBBB-CCCC") }
        let noSecret = #expect(throws: ServerError.self) { try fixture.central.personSessions.signIn(person: "E2", secret: "AAAA-BBBB-CCCC") }
        #expect(wrong?.status == 401 && unknown?.status == 401 && noSecret?.status == 401)
        #expect(wrong?.message == "sign-in refused for COORD: unknown person or wrong secret")
        #expect(unknown?.message == "sign-in refused for NOBODY: unknown person or wrong secret")
        #expect(throws: ServerError.self) { try fixture.central.personSecrets.issue(person: "NOBODY") }
        #expect(throws: ServerError.self) { try fixture.central.personSessions.signIn(person: String(repeating: "X", count: 65), secret: "A") }
        #expect(try fixture.central.personSessions.authenticate(token: "0123") == nil)
    }

    @Test func aSessionExpiresOnTheClockWithoutSleeping() throws {
        let fixture = try Fixture()
        let clock = Clock()
        let central = Central(store: fixture.store, wall: clock.wall, sessionLifetime: 3600)
        let secret = try central.personSecrets.issue(person: "COORD")
        let session = try central.personSessions.signIn(person: "COORD", secret: secret)
        #expect(session.expires == Date(timeIntervalSince1970: 1_800_003_600).formatted(.iso8601))
        clock.advance(3599)
        #expect(try central.personSessions.authenticate(token: session.token)?.id == "COORD")
        clock.advance(1)
        #expect(try central.personSessions.authenticate(token: session.token) == nil, "expired")
    }

    @Test func signingOutOrReissuingTheSecretEndsTheSession() throws {
        let fixture = try Fixture()
        let first = try fixture.signIn("COORD")
        let second = try fixture.signIn("COORD")  // reissued: the first session ends with the old secret
        #expect(try fixture.central.personSessions.authenticate(token: first) == nil)
        #expect(try fixture.central.personSessions.authenticate(token: second)?.id == "COORD")
        try fixture.central.personSessions.signOut(token: second, person: "COORD")
        #expect(try fixture.central.personSessions.authenticate(token: second) == nil)
        #expect(try fixture.central.audit.entries().contains { $0.actor == "COORD" && $0.action == "sign-out" })
    }

    @Test func overHTTPTheSignedInCoordinatorIsTheActorOfAResolutionAndAnUnlock() throws {
        let running = try CentralHTTPTests.Running()
        defer { running.server.stop() }
        let fixture = running.fixture
        let secret = try fixture.central.personSecrets.issue(person: "COORD")
        let signIn = try running.send("POST", "/v1/sign-in", body: try JSONCoding.encode(SignInRequest(person: "COORD", secret: secret)))
        #expect(signIn.status == 200)
        let token = try JSONCoding.decode(SignInResponse.self, from: signIn.body).token
        let me = try running.send("GET", "/v1/people/me", token: token)
        #expect(try JSONCoding.decode(PersonView.self, from: me.body).person == "COORD")

        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 5_000)
        var opsB = OperationMaker(b, wall: 1_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.S1.REA": "A"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.REA": "D"])])
        let conflict = try #require(try fixture.central.conflicts.all().first)
        let resolve = try JSONCoding.encode(ResolveRequest(id: conflict.id, keep: "node"))
        let resolved = try running.send("POST", "/v1/people/resolve", token: token, body: resolve)
        #expect(resolved.status == 200, "\(running.error(resolved))")
        #expect(try fixture.central.conflicts.all().first?.resolution?.by == "COORD")
        _ = try fixture.central.push.push(node: a, operations: [opsA.fullGrade("K3", author: "E3", lot: "L3"),
                                                                opsA.make(kind: .lock, author: "E3", lot: "L3", candidate: nil, ["status": "locked"])])
        let unlock = try running.send("POST", "/v1/people/unlock", token: token, body: try JSONCoding.encode(LotActionRequest(lot: "L3", why: "review")))
        #expect(unlock.status == 200, "\(running.error(unlock))")
        let audit = try fixture.central.audit.entries()
        #expect(audit.contains { $0.actor == "COORD" && $0.action == "resolve" })
        #expect(audit.contains { $0.actor == "COORD" && $0.action == "unlock" && $0.detail == "lot L3: review" })
        // A name in the body is not read: the old `by` field changes nothing.
        let forged = Array(#"{"lot":"L3","why":"x","by":"SOMEONE"}"#.utf8)
        #expect(try running.send("POST", "/v1/people/unlock", token: token, body: forged).status == 409)

        #expect(try running.send("POST", "/v1/sign-out", token: token, body: []).status == 200)
        let after = try running.send("POST", "/v1/people/unlock", token: token, body: forged)
        #expect(after.status == 401 && running.error(after).contains("sign in again"))
    }

    @Test func wrongSecretsUseUpTheAddressTriesLikeRefusedTokens() throws {
        var limits = RateLimits()
        limits.authFailures = .init(burst: 3, perMinute: 1)
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        _ = try running.fixture.central.personSecrets.issue(person: "COORD")
        let wrong = try JSONCoding.encode(SignInRequest(person: "COORD", secret: "AAAA-BBBB-CCCC"))
        let statuses = try (0..<4).map { _ in try running.send("POST", "/v1/sign-in", body: wrong).status }
        #expect(statuses == [401, 401, 401, 429])
        running.fixture.central.audit.flushRefusals()
        let refused = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        #expect(refused.contains { $0.detail.contains("sign-in refused for COORD") })
    }
}
