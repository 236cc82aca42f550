import ArdoiseProtocol
import Foundation
import Synchronization
import Testing

/// Issue 3 item 6: seeded schedules of nodes grading, marking absences and locking while they sync
/// through a proxy that drops, cuts, delays, duplicates and reorders requests (TigerBeetle's VOPR,
/// FoundationDB's simulation). For every seed:
/// (a) the server holds each node's operations 1...outbox exactly once;
/// (b) the server's final state (fields, lot statuses, report) is that of the same schedule run without
///     faults (same operations, same order of syncs; faults only change how many attempts a sync takes);
/// (c) every node's view after its final sync is the server's state;
/// (d) `PRAGMA integrity_check` is ok on the server and on every node.
/// `ARDOISE_FAULT_SCHEDULES` (count) and `ARDOISE_FAULT_SEED` (first seed; alone, it replays that seed).
@Suite(.timeLimit(.minutes(10))) struct FaultPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let firstSeed = environment["ARDOISE_FAULT_SEED"].flatMap { UInt64($0) } ?? 1
    static let count = environment["ARDOISE_FAULT_SCHEDULES"].flatMap { Int($0) }
        ?? (environment["ARDOISE_FAULT_SEED"] != nil ? 1 : 1000)
    /// Schedules run on this many threads at once: a run waits on sockets and on the proxy as much as it
    /// computes, and Swift Testing would run no more test cases at once than there are cores.
    static let workers = environment["ARDOISE_FAULT_WORKERS"].flatMap { Int($0) } ?? 3

    private struct Tally {
        var next: UInt64
        var ran = 0
        var attempts = 0
        var seen: [FaultProxy.Fault: Int] = [:]
        var failures: [String] = []
    }

    @Test func faultsChangeNothingButTheNumberOfAttempts() throws {
        let end = Self.firstSeed + UInt64(Self.count)
        let tally = Mutex(Tally(next: Self.firstSeed))
        let started = Date()
        let done = DispatchGroup()
        for _ in 0..<Self.workers {
            done.enter()
            Thread {
                defer { done.leave() }
                while true {
                    let seed = tally.withLock { tally -> UInt64? in
                        // Enough failures to act on: the rest would say the same.
                        guard tally.next < end, tally.failures.count < 3 else { return nil }
                        defer { tally.next += 1 }
                        return tally.next
                    }
                    guard let seed else { return }
                    let (problems, stats, attempts) = Self.check(seed: seed)
                    tally.withLock { tally in
                        tally.ran += 1
                        tally.attempts += attempts
                        tally.seen.merge(stats?.faults ?? [:]) { $0 + $1 }
                        if !problems.isEmpty {
                            tally.failures.append("""
                                seed \(seed) failed:
                                \(problems.joined(separator: "\n"))
                                replay: ARDOISE_FAULT_SEED=\(seed) swift test --filter FaultTests
                                """)
                        }
                    }
                }
            }.start()
        }
        done.wait()
        let result = tally.withLock { $0 }
        for failure in result.failures { Issue.record(Comment(rawValue: failure)) }
        let faults = FaultProxy.Fault.allCases.map { "\($0.rawValue) \(result.seen[$0] ?? 0)" }.joined(separator: ", ")
        print("fault schedules: \(result.ran) (seeds \(Self.firstSeed)..<\(end)) in "
              + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s, \(result.attempts) sync attempts "
              + "with faults; requests: \(faults)")
        if result.ran >= 100 {
            for fault in FaultProxy.Fault.allCases {
                #expect((result.seen[fault] ?? 0) > 0, "the proxy never injected \(fault.rawValue) in \(result.ran) schedules")
            }
        }
    }

    /// Runs one seed with faults and without; the broken properties, in words.
    static func check(seed: UInt64) -> (problems: [String], stats: FaultProxy.Stats?, attempts: Int) {
        let scenario = FaultScenario(seed: seed)
        let faulty: RunOutcome
        let clean: RunOutcome
        do {
            faulty = try ScheduleRunner.run(scenario, faults: true)
            clean = try ScheduleRunner.run(scenario, faults: false)
        } catch {
            return (["run failed: \(error)"], nil, 0)
        }
        var problems = faulty.problems.map { "with faults: \($0)" } + clean.problems.map { "without faults: \($0)" }
        if faulty.outboxes != clean.outboxes {
            for (index, (with, without)) in zip(faulty.outboxes, clean.outboxes).enumerated() where with != without {
                let at = Array(zip(with, without)).firstIndex { $0.0 != $0.1 } ?? min(with.count, without.count)
                let one = at < with.count ? Self.describe(with[at]) : "nothing"
                let other = at < without.count ? Self.describe(without[at]) : "nothing"
                problems.append("node \(index) did not make the same operations with and without faults: "
                                + "operation \(at + 1) is \(one) with faults, \(other) without")
            }
        }
        if faulty.state != clean.state {
            problems.append("(b) server state differs:\nwith faults:\n\(faulty.state)\nwithout:\n\(clean.state)")
        }
        if !problems.isEmpty, let stats = faulty.proxy {
            problems.append("faults injected (\(stats.requests) requests):\n" + stats.log.joined(separator: "\n"))
        }
        return (problems, faulty.proxy, faulty.syncAttempts)
    }

    static func describe(_ operation: SyncOperation) -> String {
        let base = operation.base.sorted { $0.key < $1.key }.map { "\($0.key)@\($0.value)" }.joined(separator: " ")
        let values = operation.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(operation.node)#\(operation.seq) \(operation.kind.rawValue) by \(operation.author) on \(operation.candidate ?? operation.lot) "
            + "at \(operation.hlc) [\(values)] base [\(base)]"
    }
}
