import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Synchronization

/// The figures measured over HTTP on loopback against one running server: push latency at fixed
/// rates from 100 nodes, pull rates alone and under pushes, bytes on the wire per sheet.
final class ServedBench {
    static let nodeCount = 100
    static let opsPerPush = 200
    static let perCentre = nodeCount * opsPerPush

    let central: Central
    let server: CentralServer
    let nodes: [EnrolResponse]
    /// Each node's operations for a round, signed once: a proof does not cover the sequence number.
    private var signed: [[[SyncOperation]]]
    private var nextSeq: [Int64]
    private var round = 0

    init() throws {
        central = try BenchSession.central("served", BenchSession.file(centres: 1, perCentre: Self.perCentre))
        let key = try BenchSession.signingKey(central)
        nodes = try BenchSession.enrol(central, centre: "C0", count: Self.nodeCount)
        signed = nodes.enumerated().map { node, enrolled in
            (0..<4).map { round in
                (0..<Self.opsPerPush).map { index in
                    BenchSession.grade(node: enrolled.node, seq: 0, centre: 0, perCentre: Self.perCentre,
                                       index: node * Self.opsPerPush + index, round: round, key: key)
                }
            }
        }
        nextSeq = Array(repeating: 1, count: Self.nodeCount)
        var limits = HTTPServerLimits()
        limits.maxConnectionsPerAddress = 1024  // every bench client is 127.0.0.1, as behind a proxy
        server = try CentralServer(central: central, host: "127.0.0.1", port: 0, limits: limits, log: { _ in })
        server.start()
    }

    deinit { server.stop() }

    /// The operations of `node`'s next push, numbered.
    private func operations(node: Int) -> [SyncOperation] {
        defer { nextSeq[node] += Int64(Self.opsPerPush) }
        return signed[node][round % 4].enumerated().map { offset, operation in
            var operation = operation
            operation.seq = nextSeq[node] + Int64(offset)
            return operation
        }
    }

    /// One push of the next round from `node`, as the node sends it.
    func push(node: Int) throws -> LoadGenerator.Push {
        let operations = operations(node: node)
        let body = try PushEncoding.body(PushRequest(operations: operations))
        return LoadGenerator.Push(headers: PushEncoding.headers(body: body, token: nodes[node].token), body: body.bytes)
    }

    /// The pushes of `seconds` at `rate`, each node's in order.
    func pushes(rate: Double, seconds: Double) throws -> [[LoadGenerator.Push]] {
        let perNode = max(1, Int((rate * seconds).rounded()) / Self.nodeCount)
        var all: [[LoadGenerator.Push]] = Array(repeating: [], count: Self.nodeCount)
        for _ in 0..<perNode {
            for node in 0..<Self.nodeCount { all[node].append(try push(node: node)) }
            round += 1
        }
        return all
    }

    func pushLoad(rate: Double, seconds: Double = 3) throws -> LoadGenerator.Latencies {
        LoadGenerator.push(url: server.url, nodes: try pushes(rate: rate, seconds: seconds), rate: rate)
    }

    /// Authenticated empty pages (a cursor past every change), 50 connections.
    func pullRate(seconds: Double = 2) -> Double {
        LoadGenerator.requestsPerSecond(url: server.url, path: "/v1/pull?cursor=\(Int64(1) << 40)&limit=500",
                                        tokens: nodes.map(\.token), connections: 50, duration: seconds).perSecond
    }

    /// The pull rate while pushes run at `rate` in the background.
    func pullRateDuringPush(rate: Double) throws -> (pull: Double, push: LoadGenerator.Latencies) {
        let load = try pushes(rate: rate, seconds: 4)
        let url = server.url
        let result = Mutex<LoadGenerator.Latencies?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let latencies = LoadGenerator.push(url: url, nodes: load, rate: rate)
            result.withLock { $0 = latencies }
            done.signal()
        }.start()
        usleep(500_000)
        let pull = pullRate(seconds: 2)
        done.wait()
        return (pull, result.withLock { $0 } ?? LoadGenerator.Latencies(p50Ms: 0, p99Ms: 0, errors: 1, sent: 0))
    }

    /// Milliseconds to decode one 200-operation push body, as the server does.
    func pushDecodeMs() throws -> (direct: Double, jsonDecoder: Double) {
        let numbered = signed[0][0].enumerated().map { index, operation in
            var operation = operation
            operation.seq = Int64(index + 1)
            return operation
        }
        let json = try JSONCoding.encode(PushRequest(operations: numbered))
        let direct = try seconds { for _ in 0..<50 { _ = try PushRequest.decoded(from: json) } }
        let decoder = try seconds { for _ in 0..<50 { _ = try JSONCoding.decode(PushRequest.self, from: json) } }
        return (direct / 50 * 1000, decoder / 50 * 1000)
    }

    /// Bytes of one 200-operation push body per sheet, as sent, and beside it the plain JSON.
    func pushBytesPerSheet() throws -> (wire: Double, json: Double) {
        let operations = signed[0][0]
        let body = try PushEncoding.body(PushRequest(operations: operations))
        let json = try JSONCoding.encode(PushRequest(operations: operations))
        return (Double(body.bytes.count) / Double(operations.count), Double(json.count) / Double(operations.count))
    }

    /// Bytes of pull pages of 500 changes per sheet (6 field changes) for a node that takes gzip, and
    /// beside it the plain JSON; through the real routes, in-process.
    func pullBytesPerSheet() throws -> (wire: Double, json: Double) {
        let token = nodes[0].token
        // A page of the centre's newest changes: node 0's sheets graded once more.
        round += 1
        _ = try central.push.push(node: NodeIdentity(id: nodes[0].node, centre: "C0"), operations: operations(node: 0))
        let cursor = try central.store.withDatabase { db in try db.scalarInt("SELECT max(rev) FROM changes") ?? 0 } - 1_200
        func bytes(gzip: Bool) -> (bytes: Int, changes: Int) {
            var headers = [(name: "Authorization", value: "Bearer \(token)")]
            if gzip { headers.append((name: "Accept-Encoding", value: "gzip")) }
            let response = server.respond(to: HTTPRequest(method: "GET", target: "/v1/pull?cursor=\(cursor)&limit=500", headers: headers))
            let changes = (try? central.pull.pull(centre: "C0", after: cursor, limit: 500))?.changes.count ?? 0
            return (response.body.count, changes)
        }
        let wire = bytes(gzip: true)
        let json = bytes(gzip: false)
        return (Double(wire.bytes) * 6 / Double(max(1, wire.changes)), Double(json.bytes) * 6 / Double(max(1, json.changes)))
    }
}
