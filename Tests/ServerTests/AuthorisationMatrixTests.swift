import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 3 item 3: every endpoint × every role, and operations on records of another centre or
/// académie; each refusal is checked and audited. Issue 9 item 6: a signed-in person (`person`) opens
/// only the person routes, which no node, admin or signed-out token opens. What a person may do there is
/// issue 9 item 7's matrix (`AccessMatrixHTTPTests`).
@Suite(.timeLimit(.minutes(1))) struct AuthorisationMatrixTests {
    enum Role: String, CaseIterable {
        case anonymous, nodeC1, nodeC2, revoked, foreignAcademie, admin, person, signedOut
    }

    struct Endpoint {
        let method: String
        let path: String
        let body: [UInt8]?
        /// Roles that may use it; every other role is refused with 401.
        let allowed: Set<Role>
    }

    func endpoints() throws -> [Endpoint] {
        let node: Set<Role> = [.nodeC1, .nodeC2]
        let push = try JSONCoding.encode(PushRequest(operations: []))
        return [
            Endpoint(method: "GET", path: "/v1/reference", body: nil, allowed: node),
            Endpoint(method: "POST", path: "/v1/push", body: push, allowed: node),
            Endpoint(method: "GET", path: "/v1/pull?cursor=0", body: nil, allowed: node),
            Endpoint(method: "GET", path: "/v1/admin/lots", body: nil, allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/admin/conflicts", body: nil, allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/admin/nodes", body: nil, allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/credential", body: try JSONCoding.encode(CredentialRequest(examiner: "E1")), allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/person-secret", body: try JSONCoding.encode(PersonSecretRequest(person: "E2")), allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/people/me", body: nil, allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/people/unlock", body: try JSONCoding.encode(LotActionRequest(lot: "L1", why: "x")), allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/people/resolve", body: try JSONCoding.encode(ResolveRequest(id: 1, keep: "server")), allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/people/lock", body: try JSONCoding.encode(LotActionRequest(lot: "L1", why: "x")), allowed: [.person]),
            Endpoint(method: "GET", path: "/v1/people/lots", body: nil, allowed: [.person]),
            Endpoint(method: "GET", path: "/v1/people/conflicts", body: nil, allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/admin/lock", body: try JSONCoding.encode(LotActionRequest(lot: "L1", why: "x")), allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/unlock", body: try JSONCoding.encode(LotActionRequest(lot: "L1", why: "x")), allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/resolve", body: try JSONCoding.encode(ResolveRequest(id: 1, keep: "server")), allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/admin/centre-staff", body: nil, allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/people/harmonise", body: try JSONCoding.encode(HarmoniseRequest(lot: "L1", shift: "1", why: "x")),
                     allowed: [.person]),
            Endpoint(method: "GET", path: "/v1/admin/harmonisations", body: nil, allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/people/validate", body: try JSONCoding.encode(ValidateRequest(epreuve: "T011B")), allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/admin/validate", body: try JSONCoding.encode(ValidateRequest(epreuve: "T011B")), allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/admin/registration-grades?epreuve=T011B", body: nil, allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/people/written/lots", body: nil, allowed: [.person]),
            Endpoint(method: "POST", path: "/v1/people/written/grade",
                     body: try JSONCoding.encode(WrittenGradeRequest(epreuve: "T011B", candidate: "K404", absent: true)), allowed: [.person]),
            Endpoint(method: "GET", path: "/v1/admin/baremes", body: nil, allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/written/redistribute",
                     body: try JSONCoding.encode(WrittenRedistributeRequest(lot: "L404", why: "x")), allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/epreuve-settings",
                     body: try JSONCoding.encode(EpreuveSettingsRequest(epreuve: "T011B", editByCoordinator: nil, harmoniseInMass: true)),
                     allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/enrol-code", body: try JSONCoding.encode(EnrolCodeRequest(centre: "C1")), allowed: [.admin]),
            Endpoint(method: "POST", path: "/v1/admin/revoke", body: try JSONCoding.encode(RevokeRequest(node: "C1-N9")), allowed: [.admin]),
            // Issue 10 item 4: follow-up and statistics (D14).
            Endpoint(method: "GET", path: "/v1/admin/follow-up", body: nil, allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/admin/follow-up/histogram?epreuve=T011B", body: nil, allowed: [.admin]),
            Endpoint(method: "GET", path: "/v1/people/follow-up", body: nil, allowed: [.person]),
            Endpoint(method: "GET", path: "/v1/people/follow-up/histogram?epreuve=T011B", body: nil, allowed: [.person]),
        ]
    }

    @Test func everyEndpointRefusesEveryRoleItIsNotForAndAuditsIt() throws {
        var limits = RateLimits()
        limits.authFailures = .init(burst: 1000, perMinute: 1000)  // this test is about who, not how often
        let running = try CentralHTTPTests.Running(rateLimits: limits)
        defer { running.server.stop() }
        let foreign = try Fixture()  // another académie's server: its tokens mean nothing here
        var tokens: [Role: String] = [:]
        tokens[.nodeC1] = try running.fixture.enrol().token
        tokens[.nodeC2] = try running.fixture.enrol(centre: Fixture.otherCentre).token
        let revoked = try running.fixture.enrol()
        _ = try running.fixture.central.nodes.revoke(node: revoked.node.id, by: "manager")
        tokens[.revoked] = revoked.token
        tokens[.foreignAcademie] = try foreign.enrol().token
        tokens[.admin] = try String(contentsOfFile: CentralServer.adminTokenPath(running.fixture.folder), encoding: .utf8)
        tokens[.person] = try running.fixture.signIn("COORD")
        let gone = try running.fixture.signIn("E1")
        try running.fixture.central.personSessions.signOut(token: gone, person: "E1")
        tokens[.signedOut] = gone

        var refusals = 0
        for endpoint in try endpoints() {
            for role in Role.allCases {
                let response = try running.send(endpoint.method, endpoint.path, token: tokens[role], body: endpoint.body)
                if endpoint.allowed.contains(role) {
                    #expect(response.status != 401 && response.status != 403, "\(role) \(endpoint.path): \(response.status)")
                } else {
                    refusals += 1
                    #expect(response.status == 401, "\(role) on \(endpoint.method) \(endpoint.path) got \(response.status)")
                }
            }
        }
        running.fixture.central.audit.flushRefusals()
        let audited = try running.fixture.central.audit.entries().filter { $0.action == "refused" }
        // Counted per client, claimant and minute: first refusals plus the summaries' counts.
        let counted = audited.reduce(0) { total, entry in
            total + (entry.detail.contains(" more refused requests") ? Int(entry.detail.prefix { $0.isNumber }) ?? 0 : 1)
        }
        #expect(counted == refusals, "\(audited.map(\.detail))")
        #expect(audited.contains { $0.actor == revoked.node.id }, "a revoked node's refusal names it")
        // Sign-out is the person's own; sign-in is anyone's, and a wrong secret is a refusal like a token's.
        #expect(try running.send("POST", "/v1/sign-out", token: tokens[.admin], body: []).status == 401)
        #expect(try running.send("POST", "/v1/sign-out", token: tokens[.nodeC1], body: []).status == 401)
        let wrong = try JSONCoding.encode(SignInRequest(person: "COORD", secret: "WRON-GSEC-RET0"))
        #expect(try running.send("POST", "/v1/sign-in", token: nil, body: wrong).status == 401)
    }

    @Test func aNodeSeesAndTouchesOnlyItsOwnCentre() throws {
        let fixture = try Fixture()
        let (c1, _) = try fixture.enrol()
        let (c2, _) = try fixture.enrol(centre: Fixture.otherCentre)
        var ops1 = OperationMaker(c1)
        var ops2 = OperationMaker(c2)
        _ = try fixture.central.push.push(node: c2, operations: [ops2.make(author: "E9", lot: "L9", candidate: "K9", ["subject": "S1"])])
        // Cases: (author, lot, candidate, expected outcome)
        let cases: [(String, String, String, OperationOutcome)] = [
            ("E1", "L1", "K1", .applied),        // examiner of the lot's group
            ("E3", "L1", "K1", .rejected),       // examiner of this centre, another group
            ("E9", "L1", "K1", .rejected),       // examiner of another centre
            ("E9", "L9", "K9", .rejected),       // another centre's lot, from a C1 node
            ("E1", "L9", "K9", .rejected),       // another centre's lot with a C1 author
            ("NOBODY", "L1", "K2", .rejected),   // unknown author
            ("E1", "L1", "K9", .rejected),       // candidate of another centre slipped into a C1 lot
        ]
        for (author, lot, candidate, expected) in cases {
            let result = try fixture.central.push.push(node: c1, operations: [ops1.make(author: author, lot: lot, candidate: candidate, ["subject": "S2"])])
            #expect(result.results.map(\.outcome) == [expected], "\(author) on \(lot)/\(candidate)")
        }
        #expect(try fixture.central.sheet("K9", centre: Fixture.otherCentre)["subject"] == "S1", "untouched by C1")
        #expect(try fixture.central.reference.snapshot(centre: Fixture.centre).candidates.allSatisfy { $0.centre == Fixture.centre })
        // C1 pulls no state of C2's records (only its own rejected attempts), C2 hears nothing of them.
        let pulled = try fixture.central.pull.pull(centre: Fixture.centre, after: 0, limit: 1000).changes
        #expect(pulled.filter { $0.kind != .conflict }.allSatisfy { $0.candidate != "K9" && $0.lot != "L9" })
        let theirs = try fixture.central.pull.pull(centre: Fixture.otherCentre, after: 0, limit: 1000).changes
        #expect(theirs.allSatisfy { $0.kind == .field && $0.candidate == "K9" })
        let rejections = try fixture.central.audit.entries().filter { $0.action == "reject" }
        #expect(rejections.count == 6)
        #expect(try fixture.central.conflicts.all().filter { $0.kind == .notAuthorised }.count == 5)
    }
}
