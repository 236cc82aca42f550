import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 8 item 3: every identifier, value and key count of a push is bounded where it is decoded (400,
/// nothing stored), and pull pages are bounded in bytes, so one enrolled node cannot stop its centre's sync.
@Suite(.timeLimit(.minutes(2))) struct WireLimitTests {
    /// Bytes of the central database on disk: the file and its write-ahead log.
    static func storeBytes(_ fixture: Fixture) -> Int {
        ["central.sqlite", "central.sqlite-wal"].reduce(0) { total, name in
            let path = (fixture.folder as NSString).appendingPathComponent(name)
            return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
    }

    /// What the store holds that a push could have added: operations, report entries, changes, audit.
    static func rows(_ fixture: Fixture, node: String) throws -> [Int] {
        [try fixture.central.nodes.receivedOperations(node: node).count, try fixture.central.conflicts.all().count,
         try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: PullFeed.maxPage).changes.count,
         try fixture.central.audit.entries().filter { $0.action == "merge" }.count]
    }

    /// The attack as the review made it: one 3 MiB push, one operation whose `lot` is 3 MiB of `L`, with
    /// 8 keys in `values`. It was rejected but stored (the database grew by 301 MiB, the pull page became
    /// 75 MB); now it is refused whole at decoding and nothing is written.
    @Test func theThreeMebibyteOperationIs400AndNothingIsStored() throws {
        let fixture = try Fixture()
        let server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, log: { _ in })
        server.start()
        defer { server.stop() }
        let (node, token) = try fixture.enrol()
        let rowsBefore = try Self.rows(fixture, node: node.id)
        let bytesBefore = Self.storeBytes(fixture)

        var values: [String: String] = [:]
        for index in 0..<8 { values["level.S1.C\(index)"] = "A" }
        let attack = SyncOperation(node: node.id, seq: 1, hlc: HLC(wall: 1_000), author: "E1", kind: .grade, epreuve: "T011B",
                                   lot: String(repeating: "L", count: 3 << 20), candidate: "K1", base: [:], values: values)
        let body = Array(("{\"operations\":[" + attack.jsonText + "]}").utf8)
        #expect(body.count > 3 << 20)
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 30)
        let response = try client.send(method: "POST", url: server.url + "/v1/push",
                                       headers: [(name: "Authorization", value: "Bearer \(token)")], body: body)
        #expect(response.status == 400)
        let message = (try? JSONCoding.decode(ErrorBody.self, from: response.body).error) ?? ""
        #expect(message.contains("operations[0]") && message.contains("lot is longer than 64 bytes"), "\(message)")

        #expect(try Self.rows(fixture, node: node.id) == rowsBefore, "no operation, entry, change or merge stored")
        let grown = Self.storeBytes(fixture) - bytesBefore
        #expect(grown < 64 << 10, "the store grew by \(grown) bytes")
        // The centre's nodes still sync: the next push is the same sequence number, and applies.
        var maker = OperationMaker(node)
        let next = try JSONCoding.encode(PushRequest(operations: [maker.make(["subject": "S1"])]))
        let applied = try client.send(method: "POST", url: server.url + "/v1/push",
                                      headers: [(name: "Authorization", value: "Bearer \(token)")], body: next)
        #expect(applied.status == 200)
        #expect(try JSONCoding.decode(PushResponse.self, from: applied.body).results.map(\.outcome) == [.applied])
    }

    /// Each bound, one at a time, at its limit (decodes) and one past it (refused with its path).
    @Test func eachBoundIsCheckedWithItsPath() throws {
        func decode(_ operations: [SyncOperation]) -> String? {
            let body = Array(("{\"operations\":[" + operations.map(\.jsonText).joined(separator: ",") + "]}").utf8)
            do {
                _ = try JSONCoding.decode(PushRequest.self, from: body)
                return nil
            } catch {
                return JSONCoding.describe(error)
            }
        }
        let node = NodeIdentity(id: "C1-N1", centre: Fixture.centre)
        var maker = OperationMaker(node)
        func operation(_ change: (inout SyncOperation) -> Void) -> SyncOperation {
            var made = maker.make(["subject": "S1"])
            change(&made)
            return made
        }
        let id64 = String(repeating: "x", count: 64), id65 = String(repeating: "x", count: 65)
        #expect(decode([operation { $0.lot = id64 }]) == nil)
        #expect(decode([operation { $0.lot = id65 }]) == "operations[0]: lot is longer than 64 bytes (65)")
        #expect(decode([operation { $0.author = "E1\u{0}" }]) == "operations[0]: author holds control character U+0000")
        #expect(decode([operation { $0.candidate = "K1\n" }]) == "operations[0]: candidate holds control character U+000A")
        #expect(decode([operation { $0.epreuve = "" }]) == "operations[0]: epreuve is empty")
        #expect(decode([operation { $0.node = "C1-N1\u{85}" }]) == "operations[0]: node holds control character U+0085")
        #expect(decode([operation { $0.values = ["comment": String(repeating: "é", count: 1_000)] }]) == nil)
        #expect(decode([operation { $0.values = ["comment": String(repeating: "é", count: 1_000) + "a"] }])
                == "operations[0]: values.comment is longer than 2000 bytes (2001)")
        #expect(decode([operation { $0.values = ["comment": "line\nline"] }]) == nil)
        #expect(decode([operation { $0.values = ["comment": "nul\u{0}"] }]) == "operations[0]: values.comment holds control character U+0000")
        #expect(decode([operation { $0.values = ["level.S1.\u{1B}": "A"] }]) == "operations[0]: values: a field name holds control character U+001B")
        let keys64 = Dictionary(uniqueKeysWithValues: (0..<64).map { ("level.S1.C\($0)", "A") })
        #expect(decode([operation { $0.values = keys64 }]) == nil)
        #expect(decode([operation { $0.values = keys64.merging(["comment": "x"]) { a, _ in a } }])
                == "operations[0]: values has 65 keys, more than 64")
        #expect(decode([operation { $0.base = Dictionary(uniqueKeysWithValues: (0..<65).map { ("f\($0)", Int64($0)) }) }])
                == "operations[0]: base has 65 keys, more than 64")
        #expect(decode([operation { $0.proof = "zz" }]) == "operations[0]: proof must be 64 lower-case hex digits")
        let thousand = (0..<1_000).map { _ in operation { _ in } }
        #expect(decode(thousand) == nil)
        #expect(decode(thousand + [operation { _ in }]) == "operations: 1001 operations, more than 1000 in one push")
        #expect(decode([operation { _ in }, operation { $0.lot = id65 }]) == "operations[1]: lot is longer than 64 bytes (65)")
    }

    /// A pull page stops before 4 MiB of changes whatever the change count asked, and the next page
    /// starts where it stopped: nothing skipped, nothing twice.
    @Test func aPullPageIsBoundedInBytes() throws {
        let fixture = try Fixture()
        let (node, _) = try fixture.enrol()
        var maker = OperationMaker(node)
        // 2,000 comments of 2,000 bytes: 2,000 changes of about 2.1 KB, more than 4 MiB in all.
        for batch in 0..<2 {
            let operations = (0..<1_000).map { index in
                let n = batch * 1_000 + index
                let comment = String(n) + String(repeating: "c", count: 2_000 - String(n).count)
                return maker.make(candidate: ["K1", "K2"][n % 2], ["comment": comment])
            }
            let pushed = try fixture.central.push.push(node: node, operations: operations)
            #expect(pushed.results.allSatisfy { $0.outcome == .applied })
        }
        let first = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: PullFeed.maxPage)
        let size = try JSONCoding.encode(first).count
        #expect(first.more && first.changes.count < PullFeed.maxPage)
        #expect(size <= PullFeed.maxPageBytes && size > PullFeed.maxPageBytes - 8_192, "page of \(size) bytes")
        var all = first.changes
        var cursor = first.cursor
        while true {
            let page = try fixture.central.pull.pull(centre: Fixture.centre, after: cursor, limit: PullFeed.maxPage)
            #expect(try JSONCoding.encode(page).count <= PullFeed.maxPageBytes)
            all += page.changes
            cursor = page.cursor
            if !page.more { break }
        }
        let revisions = all.map(\.rev)
        #expect(revisions == revisions.sorted() && Set(revisions).count == revisions.count)
        #expect(all.filter { $0.field == "comment" }.count == 2_000)
    }
}
