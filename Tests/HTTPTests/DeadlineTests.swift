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
        var deadline = fresh()
        deadline.received(at: start + 1, midRequest: true, readingBody: true)
        #expect(deadline.phase == .readingBody)
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
}
