import ArdoiseHTTPClient
import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Synchronization

/// A simulated académie exam day: 50,000 ECE candidates in 100 centres, 5 lab PCs per centre. Each PC
/// grades its 100 candidates offline, and 5 of its neighbour's with other levels (the conflicts of a
/// real day); then all 500 sync in the same window (push, then pull to the end), 100 at a time.
/// Afterwards every operation must be held exactly once, every sheet whole, and every disputed field
/// in exactly one report entry.
enum AcademieDay {
    static let centres = 100
    static let nodesPerCentre = 5
    static let perNode = 100
    static let contested = 5
    static let clients = 100

    struct Result {
        var seconds: Double
        var lost: Int
        var doubled: Int
        var errors: Int
    }

    static func run() throws -> Result {
        let perCentre = nodesPerCentre * perNode
        let central = try BenchSession.central("academie", BenchSession.file(centres: centres, perCentre: perCentre))
        let key = try BenchSession.signingKey(central)
        var work: [(token: String, body: PushEncoding.Body)] = []
        var sent = 0
        for centre in 0..<centres {
            for (slot, node) in try BenchSession.enrol(central, centre: "C\(centre)", count: nodesPerCentre).enumerated() {
                let own = (0..<perNode).map { slot * perNode + $0 }
                let neighbour = (0..<contested).map { ((slot + 1) % nodesPerCentre) * perNode + $0 }
                let operations = (own.map { ($0, 0) } + neighbour.map { ($0, 1) }).enumerated().map { offset, pair in
                    BenchSession.grade(node: node.node, seq: Int64(offset + 1), centre: centre, perCentre: perCentre,
                                       index: pair.0, round: pair.1, key: key, shift: pair.1)
                }
                sent += operations.count
                work.append((node.token, try PushEncoding.body(PushRequest(operations: operations))))
            }
        }
        var limits = HTTPServerLimits()
        limits.maxConnectionsPerAddress = 1024
        let server = try CentralServer(central: central, host: "127.0.0.1", port: 0, limits: limits, log: { _ in })
        server.start()
        defer { server.stop() }
        let errors = Atomic<Int>(0)
        let next = Atomic<Int>(0)
        let done = DispatchGroup()
        let url = server.url
        let jobs = work
        let time = seconds {
            for _ in 0..<clients {
                done.enter()
                Thread {
                    let client = HTTPClient(totalTimeout: 300)
                    while case let index = next.add(1, ordering: .relaxed).oldValue, index < jobs.count {
                        if !sync(client, url: url, token: jobs[index].token, body: jobs[index].body) { errors.add(1, ordering: .relaxed) }
                    }
                    done.leave()
                }.start()
            }
            done.wait()
        }
        let counts = try central.store.withDatabase { db in
            (held: try db.scalarInt("SELECT count(*) FROM operations") ?? 0,
             distinct: try db.scalarInt("SELECT count(*) FROM (SELECT DISTINCT node, seq FROM operations)") ?? 0,
             fields: try db.scalarInt("SELECT count(*) FROM fields") ?? 0,
             entries: try db.scalarInt("SELECT count(*) FROM conflicts") ?? 0,
             disputed: try db.scalarInt("SELECT count(*) FROM (SELECT DISTINCT epreuve, candidate, field FROM conflicts)") ?? 0)
        }
        let sheets = centres * perCentre
        // Lost: an operation not held, or a sheet's field missing. Doubled: an operation held twice, or
        // a disputed field in two entries.
        let lost = max(0, sent - Int(counts.distinct)) + max(0, sheets * 6 - Int(counts.fields))
        let doubled = Int(counts.held - counts.distinct) + Int(counts.entries - counts.disputed) + max(0, Int(counts.fields) - sheets * 6)
        figure("academie_conflict_entries", Double(counts.entries), decimals: 0)
        return Result(seconds: time, lost: lost, doubled: doubled, errors: errors.load(ordering: .relaxed))
    }

    /// One node's sync: its push, then pull pages until the server says there are no more.
    private static func sync(_ client: HTTPClient, url: String, token: String, body: PushEncoding.Body) -> Bool {
        let auth = [(name: "Authorization", value: "Bearer \(token)")]
        guard let pushed = try? client.send(method: "POST", url: url + "/v1/push", headers: PushEncoding.headers(body: body, token: token),
                                            body: body.bytes), pushed.status == 200 else { return false }
        var cursor: Int64 = 0
        while true {
            guard let page = try? client.send(method: "GET", url: url + "/v1/pull?cursor=\(cursor)&limit=500", headers: auth),
                  page.status == 200, let pulled = try? JSONCoding.decode(PullResponse.self, from: page.body) else { return false }
            cursor = pulled.cursor
            if !pulled.more { return true }
        }
    }
}
