@testable import ArdoiseServer
import ArdoiseHTTPClient
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 9 item 7, the central half of the matrix (README "Who may do what"): every role signed in as
/// themselves tries every central action on lot LA-PC (physics at Lycée Ampère) and its report entries,
/// over HTTP on loopback. Allowed: done (200, or seen in the list); not allowed: 403 or not listed.
@Suite struct AccessMatrixHTTPTests {
    typealias F = AccessFixture

    /// "STATUS message" of a refusal, nil when none.
    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ServerError { return "\(error.status) \(error.message)" } catch { return nil }
        return nil
    }

    /// follow, lock, unlock, list conflicts, resolve: for each role.
    static let matrix: [(role: String, person: String, allowed: [LotAction])] = [
        ("coordinator of T011B (ACECE)", F.coordinatorPC, [.follow, .lock, .unlock, .listConflicts, .resolve]),
        ("coordinator of T012B (ACECE)", F.coordinatorSVT, []),
        ("referent of T011B at A (PRECE coordinateur)", F.referentPCatA, [.follow, .lock, .unlock]),
        ("staff acting for centre A", F.centreA, [.follow, .lock, .unlock]),
        ("staff acting for centre B", F.centreB, []),
        // Examiners of the lot's group lock it centrally as from their lab PC, under the same rule (D12).
        ("examiner convoked at A (PRECE correcteur)", F.examinerPCatA, [.lock]),
        ("examiner from another school convoked at A", F.visitor, [.lock]),
        ("member of staff, convoked nowhere", F.staffOnly, []),
    ]

    /// The lots each follows: the épreuve across the académie, the épreuve at the centre, the whole centre.
    static let followed: [String: [String]] = [
        F.coordinatorPC: ["LA-PC", "LB-PC"], F.coordinatorSVT: ["LA-SVT"], F.referentPCatA: ["LA-PC"],
        F.centreA: ["LA-PC", "LA-SVT"], F.centreB: ["LB-PC"],
    ]

    final class Running {
        let fixture: F
        let server: CentralServer
        let client = HTTPClient(connectTimeout: 2, totalTimeout: 10)
        var node: NodeIdentity
        var ops: OperationMaker

        init() throws {
            fixture = try F()
            server = try CentralServer(central: fixture.central, host: "127.0.0.1", port: 0, rateLimits: .init(), log: { _ in })
            server.start()
            node = try fixture.enrol(centre: F.a)
            ops = OperationMaker(node)
        }

        func send(_ method: String, _ path: String, token: String, body: [UInt8]? = nil) throws -> HTTPClientResponse {
            try client.send(method: method, url: server.url + path,
                            headers: [(name: "Content-Type", value: "application/json"), (name: "Authorization", value: "Bearer \(token)")],
                            body: body)
        }

        /// Both candidates of LA-PC absent, so that the lot can be locked (D12).
        func makeLockable() throws {
            let operations = ["KA1", "KA2"].map {
                ops.make(kind: .attendance, author: F.examinerPCatA, lot: "LA-PC", candidate: $0, ["attendance": "AB"])
            }
            _ = try fixture.central.push.push(node: node, operations: operations)
        }

        /// A fresh report entry on LA-PC (an invalid level, rejected by the merge), to resolve.
        func reportEntry() throws -> Int64 {
            let invalid = ops.make(author: F.examinerPCatA, lot: "LA-PC", candidate: "KA1", ["subject": "S1", "level.S1.APP": "E"])
            _ = try fixture.central.push.push(node: node, operations: [invalid])
            return try #require(try fixture.central.conflicts.all().filter { $0.kind == .invalid && $0.resolution == nil }.last?.id)
        }

        func status(of lot: String) throws -> LotStatus? {
            try fixture.central.progress.summaries().first { $0.id == lot }?.status
        }
    }

    @Test func d6EveryRoleTriesEveryCentralActionOnItsScope() throws {
        let running = try Running()
        defer { running.server.stop() }
        try running.makeLockable()
        for row in Self.matrix {
            let token = try running.fixture.signIn(row.person)
            let lot = try JSONCoding.encode(LotActionRequest(lot: "LA-PC", why: "matrix"))
            func expect(_ action: LotAction, _ allowed: Bool, _ detail: String) {
                #expect(allowed == row.allowed.contains(action), "\(row.role) \(action.rawValue): \(detail)")
            }

            let lots = try JSONCoding.decode([LotSummary].self, from: try running.send("GET", "/v1/people/lots", token: token).body)
            expect(.follow, lots.contains { $0.id == "LA-PC" }, "sees \(lots.map(\.id))")
            #expect(lots.map(\.id).sorted() == (Self.followed[row.person] ?? []), "\(row.role) follows their whole scope only")

            let lock = try running.send("POST", "/v1/people/lock", token: token, body: lot)
            let locked = try running.status(of: "LA-PC") == .locked
            expect(.lock, lock.status == 200 && locked, "lock answered \(lock.status)")
            #expect(lock.status == 200 || lock.status == 403, "\(row.role) lock: \(lock.status)")
            if try running.status(of: "LA-PC") != .locked {
                _ = try running.fixture.central.lots.lock(lot: "LA-PC", by: .manager, why: "matrix set-up")
            }

            let unlock = try running.send("POST", "/v1/people/unlock", token: token, body: lot)
            let reopened = try running.status(of: "LA-PC") == .open
            expect(.unlock, unlock.status == 200 && reopened, "unlock answered \(unlock.status)")
            #expect(unlock.status == 200 || unlock.status == 403, "\(row.role) unlock: \(unlock.status)")
            if try running.status(of: "LA-PC") != .open {
                _ = try running.fixture.central.lots.unlock(lot: "LA-PC", by: .manager, why: "matrix set-up")
            }

            let entry = try running.reportEntry()
            let listed = try JSONCoding.decode([ConflictRecord].self, from: try running.send("GET", "/v1/people/conflicts", token: token).body)
            expect(.listConflicts, listed.contains { $0.id == entry }, "lists \(listed.map(\.id))")
            let resolve = try running.send("POST", "/v1/people/resolve", token: token,
                                           body: try JSONCoding.encode(ResolveRequest(id: entry, keep: "server")))
            expect(.resolve, resolve.status == 200, "resolve answered \(resolve.status)")
            #expect(resolve.status == 200 || resolve.status == 403, "\(row.role) resolve: \(resolve.status)")
        }
        // Every refusal names the person and the rule.
        let refused = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        #expect(refused.contains { $0.actor == F.coordinatorSVT && $0.detail.contains("may not lock the lots of T011B at 0690001A") })
        #expect(refused.contains { $0.actor == F.referentPCatA && $0.detail.contains("may not resolve the conflicts of T011B") })
    }

    @Test func d13TheManagerDoesEverythingWithTheAdminTokenAsManager() throws {
        let running = try Running()
        defer { running.server.stop() }
        try running.makeLockable()
        let admin = try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
        let lot = try JSONCoding.encode(LotActionRequest(lot: "LA-PC", why: "manager"))
        #expect(try running.send("POST", "/v1/admin/lock", token: admin, body: lot).status == 200)
        #expect(try running.status(of: "LA-PC") == .locked)
        #expect(try running.send("POST", "/v1/admin/unlock", token: admin, body: lot).status == 200)
        let entry = try running.reportEntry()
        let resolve = try running.send("POST", "/v1/admin/resolve", token: admin, body: try JSONCoding.encode(ResolveRequest(id: entry, keep: "server")))
        #expect(resolve.status == 200)
        let lots = try JSONCoding.decode([LotSummary].self, from: try running.send("GET", "/v1/admin/lots", token: admin).body)
        #expect(lots.map(\.id).sorted() == ["LA-PC", "LA-SVT", "LB-PC"])
        let actions = try running.fixture.central.audit.entries().filter { $0.actor == "manager" }.map(\.action)
        #expect(actions.contains("lock") && actions.contains("unlock") && actions.contains("resolve"))
        // The admin token is not a person: the people's routes refuse it.
        #expect(try running.send("POST", "/v1/people/lock", token: admin, body: lot).status == 401)
    }

    @Test func d12ACentralLockFollowsTheExaminersRule() throws {
        let fixture = try F()
        let centre = Actor.person(F.centreA)
        #expect(refusal { _ = try fixture.central.lots.lock(lot: "LA-PC", by: centre, why: "fin de journée") }
            == "409 cannot lock LA-PC: 2 candidates neither graded nor absent: KA1, KA2")
        #expect(refusal { _ = try fixture.central.lots.lock(lot: "LA-PC", by: centre, why: " ") }
            == "400 a central lock needs a reason (--why)")
        #expect(refusal { _ = try fixture.central.lots.lock(lot: "NOPE", by: .manager, why: "x") } == "404 unknown lot NOPE")
    }

    @Test func d6NamingTheStaffOfACentreIsTheManagersAndChecked() throws {
        let fixture = try F()
        let staff = fixture.central.centreStaff
        #expect(try staff.list().map(\.staff) == [F.centreA, F.centreB])
        #expect(refusal { try staff.name(F.centreA, centre: F.a) } == "409 staff: \(F.centreA) acts for centre \(F.a) already")
        #expect(refusal { try staff.name("NOBODY", centre: F.a) } == "404 staff: NOBODY not found in the staff directory")
        #expect(refusal { try staff.name(F.staffOnly, centre: "0691500S") }
            == "404 centre: 0691500S is not an exam centre of the registrations or of the session file")
        try staff.remove(F.centreA, centre: F.a)
        #expect(refusal { _ = try fixture.central.lots.unlock(lot: "LA-PC", by: .person(F.centreA), why: "x") }
            == "403 \(F.centreA) may not unlock the lots of T011B at \(F.a): only a coordinator of T011B, "
                + "its referent at \(F.a) or the staff of centre \(F.a) may (D6)")
        let actions = try fixture.central.audit.entries().map(\.action)
        #expect(actions.contains("centre-staff-add") && actions.contains("centre-staff-remove"))
    }
}
