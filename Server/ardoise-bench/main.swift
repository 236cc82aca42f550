import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSQLite
import Foundation

/// Merge throughput of the central server for one 10,000-operation push, side by side with raw SQLite
/// inserts of the same field rows on the same machine, in the same run. Build with `-c release`.
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

func operations(node: String, session: SessionFile) -> [SyncOperation] {
    let levels = ["A", "B", "C", "D"]
    return session.lots.flatMap { lot in lot.candidates.map { (lot.id, $0) } }.enumerated().map { index, pair in
        SyncOperation(
            node: node, seq: Int64(index + 1), hlc: HLC(wall: 1_000 + Int64(index)), author: "E1", kind: .grade,
            epreuve: "T011B", lot: pair.0, candidate: pair.1, base: [:],
            values: ["subject": "S1", "attendance": "PRESENT", "level.APP": levels[index % 4],
                     "level.ANA": levels[(index + 1) % 4], "level.REA": levels[(index + 2) % 4], "level.VAL": "A"])
    }
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
    let ops = operations(node: node.id, session: file)
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
    let body = try JSONCoding.encode(PushRequest(operations: operations(node: httpNode.node, session: file)))
    let client = HTTPClient(totalTimeout: 300)
    var status = 0
    let httpTime = try seconds {
        status = try client.send(method: "POST", url: server.url + "/v1/push",
                                 headers: [(name: "Authorization", value: "Bearer \(httpNode.token)")], body: body).status
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
    print(line("server push over HTTP (JSON+curl+merge)", httpTime))
    print(line("baseline: raw SQLite inserts, same rows", rawTime))
    print("merge cost vs raw inserts: \(String(format: "%.1f", mergeTime / rawTime))x; body \(body.count / 1024) KiB; max RSS \(String(format: "%.0f", maxResidentMiB())) MiB")
} catch {
    FileHandle.standardError.write(Data("ardoise-bench: \(error)\n".utf8))
    exit(1)
}
