import ArdoiseSupport
import Synchronization
import Testing

/// Issue 8 item 1: the server's log is bounded whatever clients send, on an injected clock.
@Suite struct LogBudgetTests {
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
        func append(_ line: String) { all.withLock { $0.append(line) } }
    }

    @Test func linesAreCutAndCountedPastTheBudget() {
        let lines = Lines()
        let now = Mutex(120.0)
        let budget = LogBudget(linesPerMinute: 3, lineBytes: 20, clock: WallClock { now.withLock { $0 } }) { lines.append($0) }
        for index in 0..<10 { budget.log("GET /\(String(repeating: "A", count: 100)) \(index)") }
        #expect(lines.all.withLock { $0 }.count == 3)
        #expect(lines.all.withLock { $0 }.allSatisfy { $0.utf8.count <= 20 && $0.hasSuffix("…") })
        now.withLock { $0 = 185 }
        budget.log("next minute")
        #expect(lines.all.withLock { Array($0.suffix(2)) } == ["log: 7 lines suppressed in the previous minute (over 3)", "next minute"])
    }
}
