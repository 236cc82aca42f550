import Testing

@testable import ArdoiseHTTPServer

/// The timeout state machine, driven by a hand-moved clock: no sleeping.
@Suite("ConnectionDeadline")
struct DeadlineTests {
    let start = 1000.0

    func fresh() -> ConnectionDeadline {
        ConnectionDeadline(headerReadTimeout: 10, idleTimeout: 30, acceptedAt: start)
    }

    @Test func silentConnectionIsClosedAfterHeaderTimeoutWithoutResponse() {
        let deadline = fresh()
        #expect(!deadline.hasExpired(at: start + 9.9))
        #expect(deadline.hasExpired(at: start + 10))
        #expect(deadline.expiry == .closeSilently)
        #expect(deadline.remaining(at: start + 4) == 6)
        #expect(deadline.remaining(at: start + 40) == 0)
    }

    @Test func tricklingHeadBytesDoNotExtendTheHeadDeadline() {
        var deadline = fresh()
        for second in 1...9 {
            deadline.received(at: start + Double(second), midRequest: true, readingBody: false)
        }
        #expect(deadline.hasExpired(at: start + 10))
        #expect(deadline.expiry == .requestTimeout)
    }

    @Test func bodyStallsAreBoundedByIdleTimeoutFromLastProgress() {
        var deadline = ConnectionDeadline(headerReadTimeout: 10, idleTimeout: 30, bodyReadTimeout: 100, acceptedAt: start)
        deadline.received(at: start + 1, midRequest: true, readingBody: true)
        #expect(deadline.phase == .readingBody(since: start + 1))
        deadline.received(at: start + 25, midRequest: true, readingBody: true)
        #expect(!deadline.hasExpired(at: start + 54))
        #expect(deadline.hasExpired(at: start + 55))
        #expect(deadline.expiry == .requestTimeout)
    }

    @Test func keepAliveIdleThenNewRequestGetsAFreshHeadDeadline() {
        var deadline = fresh()
        deadline.received(at: start + 1, midRequest: true, readingBody: false)
        deadline.responded(at: start + 2, midRequest: false)
        #expect(deadline.phase == .idle)
        #expect(deadline.expiry == .closeSilently)
        #expect(!deadline.hasExpired(at: start + 31))
        #expect(deadline.hasExpired(at: start + 32))
        deadline.received(at: start + 20, midRequest: true, readingBody: false)
        #expect(deadline.phase == .readingHead(since: start + 20))
        #expect(deadline.hasExpired(at: start + 30))
        #expect(deadline.expiry == .requestTimeout)
    }

    @Test func pipelinedBytesStartTheNextHeadClockAtResponse() {
        var deadline = fresh()
        deadline.responded(at: start + 5, midRequest: true)
        #expect(deadline.phase == .readingHead(since: start + 5))
        #expect(deadline.hasExpired(at: start + 15))
        #expect(deadline.expiry == .requestTimeout)
    }

    @Test func skippedEmptyLinesKeepTheIdleDeadline() {
        var deadline = fresh()
        deadline.responded(at: start, midRequest: false)
        deadline.received(at: start + 29, midRequest: false, readingBody: false)
        #expect(deadline.hasExpired(at: start + 30))
        #expect(deadline.expiry == .closeSilently)
    }

    /// Issue 8 item 2: one byte every 20 s never stalls for `idleTimeout`, but the whole body has
    /// `bodyReadTimeout` from its head, however steadily it trickles.
    @Test func tricklingBodyBytesDoNotExtendTheBodyDeadline() {
        var deadline = fresh()
        deadline.received(at: start + 1, midRequest: true, readingBody: true)
        #expect(deadline.phase == .readingBody(since: start + 1))
        for second in stride(from: 21, through: 29, by: 2) {
            deadline.received(at: start + Double(second), midRequest: true, readingBody: true)
            #expect(!deadline.hasExpired(at: start + Double(second) + 1))
        }
        #expect(!deadline.hasExpired(at: start + 30.9))
        #expect(deadline.hasExpired(at: start + 31))
        #expect(deadline.expiry == .requestTimeout)
    }

    @Test func anAdmittedHeadStartsTheBodyClockWhenItsBodyIsResumed() {
        var deadline = fresh()
        deadline.received(at: start + 1, midRequest: true, readingBody: true)
        deadline.handling()
        #expect(!deadline.hasExpired(at: start + 1000))  // the admission hook's time is not the client's
        deadline.resumedBody(at: start + 5)
        deadline.received(at: start + 20, midRequest: true, readingBody: true)
        #expect(deadline.phase == .readingBody(since: start + 5))
        #expect(!deadline.hasExpired(at: start + 34.9))
        #expect(deadline.hasExpired(at: start + 35))
    }

    @Test func aStalledResponseIsClosedSilentlyAndALingerIsShort() {
        var deadline = fresh()
        deadline.received(at: start + 1, midRequest: true, readingBody: false)
        deadline.handling()
        deadline.wrote(at: start + 2)
        #expect(deadline.hasExpired(at: start + 32))
        #expect(deadline.expiry == .closeSilently)
        deadline.lingering(at: start + 3)
        #expect(!deadline.hasExpired(at: start + 3.9))
        #expect(deadline.hasExpired(at: start + 4))
        #expect(deadline.expiry == .closeSilently)
    }
}
