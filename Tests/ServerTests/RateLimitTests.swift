import ArdoiseProtocol
import ArdoiseSupport
import Synchronization
import Testing
@testable import ArdoiseServer

/// Issue 3 item 5: enrolment and token checks are rate-limited per client address.
@Suite(.timeLimit(.minutes(1))) struct RateLimitTests {
    @Test func bucketsEmptyThenRefillWithTime() {
        let now = Mutex<Double>(1_000)
        let limiter = RateLimiter(.init(burst: 2, perMinute: 6), clock: WallClock { now.withLock { $0 } })
        #expect(limiter.take("a") == nil && limiter.take("a") == nil)
        #expect(limiter.take("a") == 10)  // one token every 10 s
        #expect(limiter.take("b") == nil, "another address has its own bucket")
        now.withLock { $0 += 10 }
        #expect(limiter.take("a") == nil && limiter.isExhausted("a"))
    }

    @Test func enrolmentAttemptsPastTheLimitGet429AndAreAudited() throws {
        var limits = RateLimits()
        limits.enrolment = .init(burst: 3, perMinute: 1)
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        let guess = try JSONCoding.encode(EnrolRequest(code: "AAAA-BBBB-CCCC", label: "guess"))
        for _ in 0..<3 { #expect(try running.send("POST", "/v1/enrol", body: guess).status == 403) }
        let limited = try running.send("POST", "/v1/enrol", body: guess)
        #expect(limited.status == 429 && limited.header("Retry-After") != nil)
        // Even a good code waits: guessing cannot go on by mixing in a real one.
        let real = try running.fixture.central.enrolment.issueCode(centre: Fixture.centre)
        #expect(try running.send("POST", "/v1/enrol", body: try JSONCoding.encode(EnrolRequest(code: real.code, label: "PC"))).status == 429)
        #expect(try running.fixture.central.audit.entries().contains { $0.action == "refused" && $0.detail.contains("429") })
    }

    @Test func repeatedBadTokensBlockTheAddress() throws {
        var limits = RateLimits()
        limits.authFailures = .init(burst: 4, perMinute: 1)
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        let (_, token) = try running.fixture.enrol()
        #expect(try running.send("GET", "/v1/pull", token: token).status == 200)
        for _ in 0..<4 { #expect(try running.send("GET", "/v1/pull", token: "wrong").status == 401) }
        let blocked = try running.send("GET", "/v1/pull", token: "wrong")
        #expect(blocked.status == 429)
        // The wait is said the same way in the text and in Retry-After.
        let wait = try #require(blocked.header("Retry-After"))
        #expect(running.error(blocked).hasSuffix("try again in \(wait) s"))
        // Issue 8 item 6: lab PCs share the school's address; a valid token is never refused for a
        // stranger's failures.
        #expect(try running.send("GET", "/v1/pull", token: token).status == 200)
        // Counted, not stored one by one: the first refusal of the minute, then one summary for the rest.
        running.fixture.central.audit.flushRefusals()
        let refusals = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        // One entry per client and claimant for the minute's first refusal, then one summary each: six
        // refusals in all, whatever minute boundary the test crosses.
        let counted = refusals.reduce(0) { total, entry in
            total + (entry.detail.contains(" more refused requests") ? Int(entry.detail.prefix { $0.isNumber }) ?? 0 : 1)
        }
        #expect(counted == 5 && refusals.count <= 8, "\(refusals.map(\.detail))")
        #expect(refusals.contains { $0.actor == "anonymous" && $0.detail.contains("401") })
        #expect(refusals.contains { $0.actor == "127.0.0.1" && $0.detail.contains("429") })
    }

    /// Issue 8 item 6: a technician enrols a room of PCs behind one address; only failures count.
    @Test func onlyFailedEnrolmentsUseUpTheAddresssTries() throws {
        var limits = RateLimits()
        limits.enrolment = .init(burst: 3, perMinute: 1)
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        for _ in 0..<6 {
            let code = try running.fixture.central.enrolment.issueCode(centre: Fixture.centre)
            let body = try JSONCoding.encode(EnrolRequest(code: code.code, label: "PC"))
            #expect(try running.send("POST", "/v1/enrol", body: body).status == 200)
        }
        let wrong = try JSONCoding.encode(EnrolRequest(code: "AAAA-BBBB-CCCC", label: "PC"))
        for _ in 0..<3 { #expect(try running.send("POST", "/v1/enrol", body: wrong).status == 403) }
        #expect(try running.send("POST", "/v1/enrol", body: wrong).status == 429)
    }
}
