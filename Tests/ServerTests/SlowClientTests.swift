import ArdoiseHTTPClient
import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Glibc
import Testing
import TestSupport

/// Issue 8 item 2: the attacks on loopback as they were made. Slow bodies and slow keep-alives no longer
/// hold the slots real nodes need, a body declared large is refused on its head before any of it is read,
/// and one address cannot take every connection. Attackers use other loopback addresses (127.0.0.x) than
/// the node (127.0.0.1), as they would other hosts.
@Suite(.serialized, .timeLimit(.minutes(1))) struct SlowClientTests {
    struct Running {
        let fixture: Fixture
        let server: CentralServer
        let log = LogLines()
        let port: UInt16

        init(limits: HTTPServerLimits = .init(), rateLimits: RateLimits = .init()) throws {
            fixture = try Fixture()
            server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, limits: limits,
                                       rateLimits: rateLimits, log: log.sink)
            server.start()
            port = UInt16(server.url.split(separator: ":").last ?? "") ?? 0
        }
    }

    @Test func slowBodiesAndSlowKeepAlivesDoNotStarveANode() throws {
        var limits = HTTPServerLimits()
        limits.bodyReadTimeout = 2
        let running = try Running(limits: limits)
        defer { running.server.stop() }
        let (node, token) = try running.fixture.enrol()
        let threadsBefore = Self.threadCount()

        // 128 slow bodies, with a valid token (the worst case: their heads pass), one byte at a time…
        let head = "POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Length: 100000\r\n\r\n"
        let slowBodies = try (0..<128).map { index in try RawSocket(port: running.port, from: "127.0.0.\(2 + index % 8)") }
        for socket in slowBodies { #expect(socket.send(head + "{")) }
        // …and 128 keep-alive connections asking for /v1/health now and then.
        let keepAlives = try (0..<128).map { index in try RawSocket(port: running.port, from: "127.0.0.\(10 + index % 8)") }
        for _ in 0..<2 {
            for socket in slowBodies { socket.send(" ") }
            for socket in keepAlives {
                socket.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(socket.read(until: "}", timeout: 5).contains("HTTP/1.1 200"))
            }
        }
        #expect(running.server.openConnections >= 256)

        // A node pushes meanwhile, promptly.
        var operations = OperationMaker(node)
        let body = try JSONCoding.encode(PushRequest(operations: [operations.make(["subject": "S1"])]))
        let started = Date()
        let push = try HTTPClient(connectTimeout: 2, totalTimeout: 5).send(
            method: "POST", url: running.server.url + "/v1/push",
            headers: [(name: "Authorization", value: "Bearer \(token)")], body: body)
        let elapsed = Date().timeIntervalSince(started)
        #expect(push.status == 200)
        #expect(elapsed < 1, "the node's push took \(elapsed) s")
        // Idle and slow connections cost no thread: the loop and a fixed pool serve them all. (A thread per
        // connection would add 256; the margin is for servers other suites start meanwhile in this process.)
        #expect(Self.threadCount() - threadsBefore < 64, "threads \(threadsBefore) → \(Self.threadCount())")

        // However steadily they trickle, the slow bodies have bodyReadTimeout in all: 408, closed.
        for socket in slowBodies {
            let (bytes, eof) = socket.readUntilClosed(timeout: 5)
            #expect(eof && String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408"))
        }
        #expect(running.log.all.contains { $0.contains("408 request not received in time") })
        withExtendedLifetime(keepAlives) {}
    }

    @Test func aBodyDeclared16MiBWithoutATokenIsRefusedOnItsHead() throws {
        var rateLimits = RateLimits()
        rateLimits.authFailures = .init(burst: 1000, perMinute: 1000)
        let running = try Running(rateLimits: rateLimits)
        defer { running.server.stop() }
        let rssBefore = Self.residentBytes()
        let sockets = try (0..<64).map { _ in try RawSocket(port: running.port, from: "127.0.0.3") }
        // The heads alone: the answer comes before any body byte is sent.
        for socket in sockets {
            socket.send("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(16 << 20)\r\n\r\n")
        }
        for socket in sockets {
            let reply = socket.read(until: "}", timeout: 5)
            #expect(reply.hasPrefix("HTTP/1.1 401") && reply.contains("Connection: close\r\n"), "\(reply)")
        }
        // Then a mebibyte each, as the attacker did: drained and dropped, never stored.
        let mebibyte = [UInt8](repeating: 0x61, count: 1 << 20)
        for socket in sockets { socket.send(mebibyte) }
        for socket in sockets { #expect(socket.readUntilClosed(timeout: 5).eof) }
        let growth = Self.residentBytes() - rssBefore
        // Alone it grows by about 1 MiB; storing the bodies would take 64 MiB at least. The margin is for
        // other suites running in this process meanwhile.
        #expect(growth < 48 << 20, "resident memory grew by \(growth >> 20) MiB")
        // Each refusal is counted once, as the router counts it (issue 8 item 1: the first one of the
        // minute is an entry, the others a count).
        running.fixture.central.audit.flushRefusals()
        let refusals = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        let counted = refusals.reduce(0) { total, entry in
            total + (entry.detail.contains(" more refused requests") ? Int(entry.detail.prefix { $0.isNumber }) ?? 0 : 1)
        }
        #expect(counted == 64 && refusals.contains { $0.detail.contains("POST /v1/push 401") }, "\(refusals.map(\.detail))")
    }

    @Test func headsAreCheckedAgainstTheirRoute() throws {
        let running = try Running()
        defer { running.server.stop() }
        func answer(_ head: String) throws -> String {
            let socket = try RawSocket(port: running.port)
            socket.send(head)
            return String(decoding: socket.readUntilClosed(timeout: 5).bytes, as: UTF8.self)
        }
        // Enrolment takes 4 KiB: a larger declared body is refused before it is sent.
        #expect(try answer("POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n").hasPrefix("HTTP/1.1 413"))
        let unknown = try answer("POST /v1/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n")
        #expect(unknown.hasPrefix("HTTP/1.1 404") && unknown.contains("Connection: close\r\n"))
        let wrongMethod = try answer("PUT /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n")
        #expect(wrongMethod.hasPrefix("HTTP/1.1 405") && wrongMethod.contains("Allow: POST\r\n"))
        // No 100 Continue for a head that is refused.
        let expecting = try answer("POST /v1/people/unlock HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n")
        #expect(expecting.hasPrefix("HTTP/1.1 401"))
        #expect(running.log.all.contains { $0.hasPrefix("POST /v1/people/unlock 401 ") })
    }

    @Test func oneAddressCannotTakeEveryConnection() throws {
        var limits = HTTPServerLimits()
        limits.maxConnectionsPerAddress = 4
        let running = try Running(limits: limits)
        defer { running.server.stop() }
        var held = try (0..<4).map { _ in try RawSocket(port: running.port, from: "127.0.0.2") }
        let deadline = Date().addingTimeInterval(5)
        while running.server.openConnections < 4 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let fifth = try RawSocket(port: running.port, from: "127.0.0.2")
        let (bytes, eof) = fifth.readUntilClosed(timeout: 5)
        #expect(eof && String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 503"))
        #expect(running.log.all.contains { $0.contains("503 too many connections from 127.0.0.2 (4)") })
        // Another address is served meanwhile; once one connection goes, the address gets a slot again.
        #expect(try HTTPClient(totalTimeout: 5).send(method: "GET", url: running.server.url + "/v1/health").status == 200)
        held.removeFirst()
        while running.server.openConnections > 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let again = try RawSocket(port: running.port, from: "127.0.0.2")
        again.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(String(decoding: again.readUntilClosed(timeout: 5).bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
    }

    static func threadCount() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") } ?? ""
        return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    static func residentBytes() -> Int {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
