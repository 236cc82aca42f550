import ArdoiseHTTPClient
import ArdoiseHTTPServer
import Dispatch
import Foundation
import Synchronization
import Testing

/// Issue 12: requests that wait for the one database writer run on their own workers, so reads are
/// answered even while every write is stuck behind it.
@Suite("Writer lane", .timeLimit(.minutes(1)))
struct WriterLaneTests {
    @Test func readsAreAnsweredWhileMoreWritesWaitThanThereAreWorkers() throws {
        let release = DispatchSemaphore(value: 0)
        let started = Atomic<Int>(0)
        var limits = HTTPServerLimits()
        limits.workerThreads = 2
        limits.writerThreads = 1
        let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: limits, writes: { $0.method == "POST" }) { request in
            if request.method == "POST" {
                started.add(1, ordering: .relaxed)
                _ = release.wait(timeout: .now() + 20)  // a merge holding the writer
            }
            return .text(200, request.method)
        }
        server.start()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/x"
        let writes = 6
        let finished = DispatchGroup()
        let statuses = Mutex<[Int]>([])
        for _ in 0..<writes {
            finished.enter()
            Thread {
                let status = (try? HTTPClient(totalTimeout: 30).send(method: "POST", url: url, body: []))?.status ?? 0
                statuses.withLock { $0.append(status) }
                finished.leave()
            }.start()
        }
        while started.load(ordering: .relaxed) == 0 { usleep(1_000) }
        // Six writes hold or wait for the one writer worker; both general workers are free for reads.
        for _ in 0..<3 {
            #expect(try HTTPClient(totalTimeout: 10).send(method: "GET", url: url).status == 200)
        }
        #expect(started.load(ordering: .relaxed) == 1, "writes run one at a time on their lane")
        for _ in 0..<writes { release.signal() }
        finished.wait()
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: writes))
    }
}
