import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Merge throughput of the central server for one 10,000-operation push, side by side with raw SQLite
/// inserts of the same field rows on the same machine, in the same run; then what a stolen verifier
/// costs to test: PBKDF2 guesses per second on one core at the verifier's rounds, beside a plain loop of
/// one SHA-256 per guess. Build with `-c release`.
let operationCount = 10_000
let perLot = 25

func folder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "ardoise-bench-\(name)-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func session() -> SessionFile {
    let bareme = Bareme(competencies: [
        Competency(code: "APP", label: "S'approprier", points: ["A": 3, "B": 2, "C": 1, "D": 0]),
        Competency(code: "ANA", label: "Analyser", points: ["A": 5, "B": 3.5, "C": 2, "D": 0.5]),
        Competency(code: "REA", label: "Réaliser", points: ["A": 8, "B": 6, "C": 3, "D": 1]),
        Competency(code: "VAL", label: "Valider", points: ["A": 4, "B": 3, "C": 1.5, "D": 0.5]),
    ])
    let numbers = (0..<operationCount).map { String(format: "%010d", 231_000_000 + $0) }
    let lotCount = operationCount / perLot
    return SessionFile(
        session: "BENCH", academie: "Bench", centres: [Centre(code: "C1", name: "Lycée")],
        epreuves: [Epreuve(code: "T011B", label: "PC", kind: .ece, subjects: [Subject(code: "S1", label: "S1", bareme: bareme)])],
        examiners: [Examiner(id: "E1", name: "E1", centre: "C1")], coordinators: [],
        groups: (0..<lotCount).map { ExaminerGroup(id: "G\($0)", epreuve: "T011B", centre: "C1", examiners: ["E1"]) },
        candidates: numbers.map { Candidate(number: $0, centre: "C1", epreuves: ["T011B"]) },
        lots: (0..<lotCount).map { lot in
            Lot(id: "L\(lot)", epreuve: "T011B", centre: "C1", group: "G\(lot)",
                candidates: Array(numbers[(lot * perLot)..<((lot + 1) * perLot)]))
        })
}

/// Operations signed by E1 as a lab PC signs them (`key` derived from E1's secret once, for the run).
func operations(node: String, session: SessionFile, key: [UInt8]) -> [SyncOperation] {
    let levels = ["A", "B", "C", "D"]
    return session.lots.flatMap { lot in lot.candidates.map { (lot.id, $0) } }.enumerated().map { index, pair in
        var operation = SyncOperation(
            node: node, seq: Int64(index + 1), hlc: HLC(wall: 1_000 + Int64(index)), author: "E1", kind: .grade,
            epreuve: "T011B", lot: pair.0, candidate: pair.1, base: [:],
            values: ["subject": "S1", "attendance": "PRESENT", "level.APP": levels[index % 4],
                     "level.ANA": levels[(index + 1) % 4], "level.REA": levels[(index + 2) % 4], "level.VAL": "A"])
        operation.proof = ExaminerProof.sign(operation.signedBytes, key: key)
        return operation
    }
}

/// E1's signing key on `central`: a secret issued as `ardoise-server credential` does, derived as a node does.
func signingKey(_ central: Central) throws -> [UInt8] {
    let secret = try central.credentials.issue(examiner: "E1")
    let salt = try central.reference.snapshot(centre: "C1").credentials?.first?.proofSalt.flatMap { Digest.bytes(hex: $0) } ?? []
    return ExaminerProof.key(secret: secret, salt: salt, iterations: CredentialIssuer.iterations)
}

/// Guesses per second against a stolen verifier on one core: PBKDF2-HMAC-SHA256 at `iterations`
/// rounds per guess, as an attacker with `node.sqlite` must compute; and the plain-loop baseline, one
/// SHA-256 per guess, what a guess would cost with no key stretching.
func guessRates(iterations: Int, seconds budget: Double) -> (pbkdf2: Double, plain: Double) {
    let salt = Array(repeating: UInt8(7), count: 16)
    var guesses = 0
    var sink: UInt8 = 0
    let pbkdf2Time = seconds {
        let start = DispatchTime.now().uptimeNanoseconds
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < budget {
            sink ^= Digest.pbkdf2Bytes(secret: "ABCD-EFGH-\(guesses % 10_000)", salt: salt, iterations: iterations).first ?? 0
            guesses += 1
        }
    }
    var plain = 0
    let plainTime = seconds {
        let start = DispatchTime.now().uptimeNanoseconds
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < budget {
            for _ in 0..<10_000 {
                sink ^= Digest.sha256(salt + Array("ABCD-EFGH-\(plain % 10_000)".utf8)).first ?? 0
                plain += 1
            }
        }
    }
    if sink == 42 { print("", terminator: "") }  // keeps the work from being optimised away
    return (Double(guesses) / pbkdf2Time, Double(plain) / plainTime)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func maxResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

do {
    let file = session()
    let fieldsPerOperation = 6

    // 1. The merge engine in-process: the function the push endpoint calls.
    let central = Central(store: try CentralStore.open(folder: folder("merge")))
    try central.sessions.load(file)
    let code = try central.enrolment.issueCode(centre: "C1")
    let enrolled = try central.enrolment.enrol(code: code.code, label: "bench")
    let node = NodeIdentity(id: enrolled.node, centre: "C1")
    let ops = operations(node: node.id, session: file, key: try signingKey(central))
    var response: PushResponse?
    let mergeTime = try seconds { response = try central.push.push(node: node, operations: ops) }
    guard response?.acknowledged == Int64(operationCount),
          response?.results.allSatisfy({ $0.outcome == .applied }) == true else {
        throw ServerError(500, "the benchmark push did not apply every operation")
    }

    // 2. The same push over HTTP on loopback: JSON, libcurl, the socket server, the merge.
    let served = Central(store: try CentralStore.open(folder: folder("http")))
    try served.sessions.load(file)
    let server = try CentralServer(central: served, host: "127.0.0.1", port: 0, log: { _ in })
    server.start()
    let httpCode = try served.enrolment.issueCode(centre: "C1")
    let httpNode = try served.enrolment.enrol(code: httpCode.code, label: "bench")
    // In batches of `WireLimits.operationsPerPush`, the most one push may carry.
    let httpOps = operations(node: httpNode.node, session: file, key: try signingKey(served))
    let bodies = try stride(from: 0, to: httpOps.count, by: WireLimits.operationsPerPush).map {
        try JSONCoding.encode(PushRequest(operations: Array(httpOps[$0..<min($0 + WireLimits.operationsPerPush, httpOps.count)])))
    }
    let client = HTTPClient(totalTimeout: 300)
    var status = 200
    let httpTime = try seconds {
        for body in bodies where status == 200 {
            status = try client.send(method: "POST", url: server.url + "/v1/push",
                                     headers: [(name: "Authorization", value: "Bearer \(httpNode.token)")], body: body).status
        }
    }
    server.stop()
    guard status == 200 else { throw ServerError(500, "HTTP push answered \(status)") }

    // 3. Baseline: raw SQLite inserts of the same field rows, one transaction, one prepared statement.
    let raw = try Database(path: folder("raw") + "/raw.sqlite")
    try raw.execute("""
        CREATE TABLE fields (epreuve TEXT NOT NULL, candidate TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                             rev INTEGER NOT NULL, hlc TEXT NOT NULL, node TEXT NOT NULL, author TEXT NOT NULL,
                             PRIMARY KEY (epreuve, candidate, field))
        """)
    let rawTime = try seconds {
        try raw.transaction {
            let insert = try raw.prepare("INSERT INTO fields VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            var rev: Int64 = 0
            for op in ops {
                for (field, value) in op.values {
                    rev += 1
                    try insert.run([.text(op.epreuve), .text(op.candidate ?? ""), .text(field), .text(value), .int(rev),
                                    .text(op.hlc.description), .text(op.node), .text(op.author)])
                }
            }
        }
    }

    let rows = operationCount * fieldsPerOperation
    func line(_ name: String, _ time: Double) -> String {
        let name = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        return "\(name) \(String(format: "%8.3f", time)) s  \(String(format: "%10.0f", Double(operationCount) / time)) ops/s  "
            + "\(String(format: "%10.0f", Double(rows) / time)) field rows/s"
    }
    print("ardoise-bench: one push of \(operationCount) operations (\(rows) field rows), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print(line("server merge (in-process, one transaction)", mergeTime))
    print(line("push over HTTP (\(bodies.count) x 1,000 ops, curl)", httpTime))
    print(line("baseline: raw SQLite inserts, same rows", rawTime))
    let rates = guessRates(iterations: CredentialIssuer.iterations, seconds: 3)
    print("pbkdf2_guesses_per_s_per_core \(String(format: "%.1f", rates.pbkdf2)) (PBKDF2-HMAC-SHA256, \(CredentialIssuer.iterations) rounds, the verifier's)")
    print("plain_sha256_guesses_per_s_per_core \(String(format: "%.0f", rates.plain)) (baseline: one SHA-256 per guess)")
    let space = Double(UInt64(1) << 60)
    let days = space / 2 / rates.pbkdf2 / 86_400
    print("average time to find a 60-bit secret from a stolen verifier on one core: \(String(format: "%.3g", days / 365.25)) years")
    print("merge cost vs raw inserts: \(String(format: "%.1f", mergeTime / rawTime))x; bodies \(bodies.map(\.count).reduce(0, +) / 1024) KiB; max RSS \(String(format: "%.0f", maxResidentMiB())) MiB")
} catch {
    FileHandle.standardError.write(Data("ardoise-bench: \(error)\n".utf8))
    exit(1)
}
