import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import TestSupport
@testable import ArdoiseNode

/// What a seed fixes: the session (one centre, one épreuve with one or two subjects, a few lots of one
/// or two candidates, examiners in two overlapping groups and one in none), the number of nodes, and the
/// sequence of steps (who does what, and when each node syncs). Faults come from another stream of the
/// same seed and change only how many attempts each sync takes.
struct FaultScenario {
    static let centre = "C1"
    static let epreuveCode = "E1"
    /// Every node's clock is pinned far ahead of the wall clock, so that its readings are (W, counter)
    /// whatever the timing: the provisional winner of a conflict (later clock, then node id) is then a
    /// function of the schedule, not of how long faults made a run take.
    /// An hour ahead of the wall clock when the suite starts: node clocks then only count, whatever the
    /// faults cost in time, and stay within the server's bound on clocks from the future.
    static let pinnedWall: Int64 = WallClock.system.millis + 3_600_000

    let seed: UInt64
    let nodes: Int
    let steps: Int
    let faultRate: Double
    let session: SessionFile
    let examiners = ["ex1", "ex2", "ex3", "ex4"]
    let candidates: [String]
    let lots: [String]
    let subjects: [String]

    init(seed: UInt64) {
        self.seed = seed
        var random = SplitMix64.stream(seed, 0)
        nodes = random.pick([2, 2, 2, 3, 3, 4, 5])
        steps = random.int(4...12)
        faultRate = random.pick([0.15, 0.3, 0.45])
        let grid = Bareme(competencies: [
            Competency(code: "APP", label: "S'approprier", points: ["A": 8, "B": 6, "C": 3, "D": 0]),
            Competency(code: "REA", label: "Réaliser", points: ["A": 12, "B": 8, "C": 4, "D": 0]),
        ])
        subjects = Array(["S1", "S2"].prefix(random.int(1...2)))
        let epreuve = Epreuve(code: Self.epreuveCode, label: "Épreuve", kind: .ece,
                              subjects: subjects.map { Subject(code: $0, label: "Sujet \($0)", bareme: grid) })
        var lots: [Lot] = []
        var numbers: [String] = []
        for index in 1...random.int(1...3) {
            var members: [String] = []
            for _ in 0..<random.int(1...2) { members.append(String(1001 + numbers.count + members.count)) }
            numbers += members
            lots.append(Lot(id: "L\(index)", epreuve: Self.epreuveCode, centre: Self.centre,
                            group: index % 2 == 1 ? "G1" : "G2", candidates: members))
        }
        candidates = numbers
        self.lots = lots.map(\.id)
        session = SessionFile(
            session: "Fault \(seed)", academie: "Test", centres: [Centre(code: Self.centre, name: "Lycée")],
            epreuves: [epreuve],
            examiners: examiners.map { Examiner(id: $0, name: "Examiner \($0)", centre: Self.centre) },
            coordinators: [Coordinator(id: "coord", name: "Coordinatrice")],
            groups: [ExaminerGroup(id: "G1", epreuve: Self.epreuveCode, centre: Self.centre, examiners: ["ex1", "ex2"]),
                     ExaminerGroup(id: "G2", epreuve: Self.epreuveCode, centre: Self.centre, examiners: ["ex2", "ex3"])],
            candidates: numbers.map { Candidate(number: $0, centre: Self.centre, epreuves: [Self.epreuveCode]) },
            lots: lots)
    }
}

/// The server state a run ends with, in a form two runs can be compared by: every field as pulled from
/// revision 0 folded to its last value, every lot's status, and the report as a multiset.
struct CentralState: Equatable, CustomStringConvertible {
    var fields: [String: String] = [:]
    var lots: [String: String] = [:]
    var report: [String] = []

    var description: String {
        "fields \(fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })\nlots \(lots.sorted { $0.key < $1.key })\nreport \(report)"
    }

    static func key(_ candidate: String, _ field: String) -> String { "\(candidate)/\(field)" }
}

/// What one run of a scenario produced.
struct RunOutcome {
    var state = CentralState()
    var outboxes: [[SyncOperation]] = []
    /// Broken properties (a), (c), (d), each in words.
    var problems: [String] = []
    var syncAttempts = 0
    var proxy: FaultProxy.Stats?
}

/// Runs a scenario against a fresh real server in-process: nodes enrolled directly, then every step.
/// With faults, every node request goes over HTTP through a `FaultProxy` to the real server and each
/// scheduled sync is retried until it succeeds; without, the node routes are answered by the same store
/// in-process (`InProcessTransport`), the reference the faulty run must match. At the end faults are
/// off and every node syncs in order, then all but the last once more (to pull what the others pushed).
enum ScheduleRunner {
    static let maxAttempts = 80

    static var scratch: String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue,
           access("/dev/shm", W_OK) == 0 {
            return "/dev/shm/"  // memory: these runs test the protocol, not the disk
        }
        return NSTemporaryDirectory()
    }

    static func run(_ scenario: FaultScenario, faults: Bool) throws -> RunOutcome {
        let root = scratch + "ardoise-fault-\(scenario.seed)-\(faults ? "faulty" : "clean")-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var outcome = RunOutcome()
        let (store, server) = try startServer(root + "/central", scenario.session)
        defer { server.stop() }
        let central = server.central
        guard let port = UInt16(server.url.split(separator: ":").last ?? "") else { throw ProxyError("no port in \(server.url)") }
        let proxy = faults
            ? try FaultProxy(upstreamPort: port, seed: faultSeed(scenario.seed), faultRate: scenario.faultRate)
            : nil
        defer { proxy?.stop() }

        var nodes: [Node] = []
        var clients: [any NodeTransport] = []
        for index in 0..<scenario.nodes {
            let node = try Node.open(folder: root + "/node\(index)", create: true)
            // Enrolment is not under test here (a lost answer spends the code): it goes straight to the store.
            let direct = InProcessTransport(server: server)
            try node.enrolment.enrol(server: server.url, code: try central.enrolment.issueCode(centre: FaultScenario.centre).code,
                           label: "PC \(index)", over: direct)
            let client: any NodeTransport = faults ? HTTPClient(connectTimeout: 2, totalTimeout: 10) : direct
            try node.store.database.transaction {
                try node.store.config.set(ConfigKey.hlc, HLC(wall: FaultScenario.pinnedWall).description)
                if let proxy { try node.store.config.set(ConfigKey.server, proxy.url) }
            }
            nodes.append(node)
            clients.append(client)
        }

        func sync(_ index: Int) throws {
            var last = ""
            for _ in 0..<maxAttempts {
                outcome.syncAttempts += 1
                do {
                    try nodes[index].sync.sync(over: clients[index])
                    return
                } catch {
                    last = "\(error)"
                }
            }
            throw ProxyError("node \(index) could not sync in \(maxAttempts) attempts; last error: \(last)")
        }

        var session = scenario.session
        var random = SplitMix64.stream(scenario.seed, 1)
        for _ in 0..<scenario.steps {
            let index = random.int(0...(scenario.nodes - 1))
            let action = random.int(0...99)
            let examiner = random.pick(scenario.examiners)
            let candidate = random.pick(scenario.candidates)
            let lot = random.pick(scenario.lots)
            var levels: [String: String] = [:]
            for competency in ["APP", "REA"] where random.chance(0.6) {
                levels[competency] = random.pick(["A", "B", "C", "D"])
            }
            if levels.isEmpty { levels[random.pick(["APP", "REA"])] = random.pick(["A", "B", "C", "D"]) }
            let subject: String? = scenario.subjects.count > 1 && random.chance(0.6) ? random.pick(scenario.subjects) : nil
            let comment: String? = random.chance(0.2) ? "remarque \(random.int(0...3))" : nil
            let present = random.chance(0.3)
            let node = nodes[index]
            let reload = ScheduleRunner.reloaded(session, random: &random, candidate: candidate, lot: lot)
            do {
                switch action {
                case ..<40:
                    try node.grading.grade(as: examiner, secret: TestSecrets.secret(for: examiner), epreuve: FaultScenario.epreuveCode, candidate: candidate, subject: subject,
                                   levels: levels, comment: comment)
                case ..<50:
                    try node.grading.markAttendance(as: examiner, secret: TestSecrets.secret(for: examiner), epreuve: FaultScenario.epreuveCode, candidate: candidate,
                                            present: present)
                case ..<58:
                    try node.grading.lock(as: examiner, secret: TestSecrets.secret(for: examiner), lot: lot)
                case ..<62:
                    // A subject change alone (D11): the other subject's levels stay, uncounted.
                    try node.grading.grade(as: examiner, secret: TestSecrets.secret(for: examiner), epreuve: FaultScenario.epreuveCode, candidate: candidate,
                                           subject: random.pick(scenario.subjects))
                case ..<67:
                    // A newer session file: a candidate moved (D13) or a barème changed (frozen once graded).
                    try central.sessions.load(reload, why: "schedule")
                    session = reload
                default:
                    try sync(index)
                }
            } catch let refusal as NodeError where !refusal.isTemporary {
                // Refused on the node (wrong examiner, locked lot, absent candidate…): nothing written, same
                // in every run of this schedule.
            } catch let refusal as ServerError where refusal.status == 422 {
                // A reload refused (a frozen barème, a graded candidate left in no lot): nothing written.
            }
        }
        proxy?.setFaults(false)
        // The last node of the first round has pulled everything already.
        for index in nodes.indices + nodes.indices.dropLast() { try sync(index) }
        // A request still held is sent now: an old push replayed after everything.
        proxy?.stop()
        outcome.proxy = proxy?.stats

        outcome.state = try centralState(store)
        let open = try central.conflicts.all().filter { $0.status == .open }.count
        for node in nodes {
            let outbox = try node.outbox.all()
            outcome.outboxes.append(outbox)
            let status = try node.reports.status()
            // (a) every operation on the server exactly once.
            let received = try central.nodes.receivedOperations(node: status.node)
            let expected = outbox.isEmpty ? [] : Array(1...Int64(outbox.count))
            if received != expected {
                outcome.problems.append("(a) node \(status.node): server holds operations \(received), outbox has 1...\(outbox.count)")
            }
            if status.pending != 0 || status.awaitingPull != 0 {
                outcome.problems.append("node \(status.node) still has \(status.pending) pending, \(status.awaitingPull) awaiting pull")
            }
            if status.openConflicts != open {
                outcome.problems.append("node \(status.node) shows \(status.openConflicts) open conflicts, the server \(open)")
            }
            // (c) the node's view is the server's state (checked in the run with faults).
            guard faults else { continue }
            for candidate in scenario.candidates {
                let view = try node.view.sheet(epreuve: FaultScenario.epreuveCode, candidate: candidate)
                let server = outcome.state.fields.filter { $0.key.hasPrefix(candidate + "/") }
                    .reduce(into: [String: String]()) { $0[String($1.key.dropFirst(candidate.count + 1))] = $1.value }
                if view.fields != server || view.pending {
                    outcome.problems.append("(c) node \(status.node), candidate \(candidate): view \(view.fields.sorted { $0.key < $1.key })"
                                            + "\(view.pending ? " (pending)" : ""), server \(server.sorted { $0.key < $1.key })")
                }
            }
            for lot in scenario.lots {
                let view = try node.view.lot(lot)
                if view.status.rawValue != outcome.state.lots[lot] || view.pending {
                    outcome.problems.append("(c) node \(status.node), lot \(lot): \(view.status.rawValue), server \(outcome.state.lots[lot] ?? "?")")
                }
            }
            let integrity = try node.store.database.integrityCheck()
            if integrity != "ok" { outcome.problems.append("(d) node \(status.node) integrity_check: \(integrity)") }
        }
        // (d) the server's file.
        let integrity = try store.integrityCheck()
        if integrity != "ok" { outcome.problems.append("(d) server integrity_check: \(integrity)") }
        return outcome
    }

    private static func faultSeed(_ seed: UInt64) -> UInt64 {
        var stream = SplitMix64.stream(seed, 2)
        return stream.next()
    }

    private static func startServer(_ folder: String, _ session: SessionFile) throws -> (CentralStore, CentralServer) {
        let store = try CentralStore.open(folder: folder)
        let central = Central(store: store)
        try central.sessions.load(session)
        // Every examiner's secret is `TestSecrets.secret(for:)`: the nodes sign with it, the server checks.
        for examiner in session.examiners.map(\.id) {
            _ = try Central(store: store, random: TestSecrets.random(for: examiner), credentialRounds: TestSecrets.rounds).credentials.issue(examiner: examiner)
        }
        let server = try CentralServer(central: central, host: "127.0.0.1", port: 0, log: { _ in })
        server.start()
        return (store, server)
    }

    /// Every field change from revision 0, folded to the last value per field; lot statuses as the
    /// store reports them (and as the feed folds them: the two must agree); the report as a multiset.
    /// The session with one change drawn from `random`: `candidate` moved to `lot`, or the first
    /// subject's barème changed.
    static func reloaded(_ session: SessionFile, random: inout SplitMix64, candidate: String, lot: String) -> SessionFile {
        var session = session
        if random.chance(0.5) {
            for index in session.lots.indices { session.lots[index].candidates.removeAll { $0 == candidate } }
            if let target = session.lots.firstIndex(where: { $0.id == lot }) { session.lots[target].candidates.append(candidate) }
        } else {
            let points = session.epreuves[0].subjects[0].bareme.competencies[0].points["B"] ?? 6
            session.epreuves[0].subjects[0].bareme.competencies[0].points["B"] = points == 6 ? 5 : 6
        }
        return session
    }

    static func centralState(_ store: CentralStore) throws -> CentralState {
        let central = Central(store: store)
        var state = CentralState()
        var fields: [String: String?] = [:]
        var fedLots: [String: String] = [:]
        var cursor: Int64 = 0
        while true {
            let page = try central.pull.pull(centre: FaultScenario.centre, after: cursor, limit: 2000)
            for change in page.changes {
                switch change.kind {
                case .field:
                    if let candidate = change.candidate, let field = change.field {
                        fields[CentralState.key(candidate, field)] = change.value
                    }
                case .lot:
                    if let lot = change.lot { fedLots[lot] = change.value }
                case .conflict:
                    break
                }
            }
            cursor = page.cursor
            if !page.more { break }
        }
        state.fields = fields.compactMapValues { $0 }
        for lot in try central.progress.summaries() {
            state.lots[lot.id] = lot.status.rawValue
            if (fedLots[lot.id] ?? LotStatus.open.rawValue) != lot.status.rawValue {
                state.report.append("FEED DISAGREES: lot \(lot.id) \(fedLots[lot.id] ?? "open") vs \(lot.status.rawValue)")
            }
        }
        state.report += try central.conflicts.all().map {
            "\($0.kind.rawValue) \($0.candidate ?? "lot \($0.lot)") \($0.field) server=\($0.server.value ?? "nil") "
                + "node=\($0.node.value ?? "nil") winner=\($0.winner ?? "-") op=\($0.operation) \($0.status.rawValue)"
        }
        state.report.sort()
        return state
    }
}
