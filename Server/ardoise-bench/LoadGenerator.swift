import ArdoiseHTTPClient
import Foundation
import Synchronization

/// HTTP load on loopback, one thread and one keep-alive libcurl handle per client, as many nodes would.
enum LoadGenerator {
    struct Push: Sendable {
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    struct Latencies: Sendable {
        var p50Ms: Double
        var p99Ms: Double
        var errors: Int
        var sent: Int

        func meets(p50 goal50: Double = 10, p99 goal99: Double = 50) -> Bool {
            errors == 0 && sent > 0 && p50Ms <= goal50 && p99Ms <= goal99
        }
    }

    /// Open loop: push `j` is due at `start + j / rate` and goes from node `j % nodes.count`, each node
    /// sending its own pushes in order (their sequence numbers follow each other). A push's latency runs
    /// from when it was due, so a server that falls behind shows it instead of slowing the senders.
    static func push(url: String, nodes: [[Push]], rate: Double) -> Latencies {
        let latencies = Mutex<[Double]>([])
        let errors = Atomic<Int>(0)
        let done = DispatchGroup()
        let count = nodes.count
        let start = now() + 0.05
        for (index, pushes) in nodes.enumerated() {
            done.enter()
            Thread {
                let client = HTTPClient(totalTimeout: 120)
                for (turn, push) in pushes.enumerated() {
                    let due = start + Double(turn * count + index) / rate
                    let wait = due - now()
                    if wait > 0 { usleep(UInt32(wait * 1e6)) }
                    let status = (try? client.send(method: "POST", url: url + "/v1/push", headers: push.headers, body: push.body))?.status
                    if status != 200 { errors.add(1, ordering: .relaxed) }
                    let latency = (now() - due) * 1000
                    latencies.withLock { $0.append(latency) }
                }
                done.leave()
            }.start()
        }
        done.wait()
        let sorted = latencies.withLock { $0.sorted() }
        guard !sorted.isEmpty else { return Latencies(p50Ms: 0, p99Ms: 0, errors: errors.load(ordering: .relaxed), sent: 0) }
        return Latencies(p50Ms: sorted[sorted.count / 2], p99Ms: sorted[min(sorted.count - 1, sorted.count * 99 / 100)],
                         errors: errors.load(ordering: .relaxed), sent: sorted.count)
    }

    /// Closed loop: `connections` clients asking `path` back to back for `duration` seconds; requests
    /// answered 200 per second.
    static func requestsPerSecond(url: String, path: String, tokens: [String], connections: Int, duration: Double,
                                  headers: [(name: String, value: String)] = []) -> (perSecond: Double, errors: Int) {
        let answered = Atomic<Int>(0)
        let errors = Atomic<Int>(0)
        let done = DispatchGroup()
        let start = now()
        for index in 0..<connections {
            let token = tokens[index % tokens.count]
            done.enter()
            Thread {
                let client = HTTPClient(totalTimeout: 30)
                let all = [(name: "Authorization", value: "Bearer \(token)")] + headers
                while now() - start < duration {
                    let status = (try? client.send(method: "GET", url: url + path, headers: all))?.status
                    if status == 200 { answered.add(1, ordering: .relaxed) } else { errors.add(1, ordering: .relaxed) }
                }
                done.leave()
            }.start()
        }
        done.wait()
        return (Double(answered.load(ordering: .relaxed)) / (now() - start), errors.load(ordering: .relaxed))
    }
}
