import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// The session files and signed operations every figure of the benchmark is measured with: ECE
/// candidates in lots of 25 per centre, one examiner in every group (authorisation is not what is
/// measured here, the proof check is).
enum BenchSession {
    static let epreuve = "T011B"
    static let perLot = 25
    static let levels = ["A", "B", "C", "D"]

    static func bareme() -> Bareme {
        Bareme(competencies: [
            Competency(code: "APP", label: "S'approprier", points: ["A": 3, "B": 2, "C": 1, "D": 0]),
            Competency(code: "ANA", label: "Analyser", points: ["A": 5, "B": 3.5, "C": 2, "D": 0.5]),
            Competency(code: "REA", label: "Réaliser", points: ["A": 8, "B": 6, "C": 3, "D": 1]),
            Competency(code: "VAL", label: "Valider", points: ["A": 4, "B": 3, "C": 1.5, "D": 0.5]),
        ])
    }

    /// `centres` centres `C0…`, each with `perCentre` candidates; candidate numbers run on across centres.
    static func file(centres: Int, perCentre: Int) -> SessionFile {
        var candidates: [Candidate] = []
        var groups: [ExaminerGroup] = []
        var lots: [Lot] = []
        for centre in 0..<centres {
            let numbers = (0..<perCentre).map { number(centre * perCentre + $0) }
            candidates += numbers.map { Candidate(number: $0, centre: "C\(centre)", epreuves: [epreuve]) }
            for lot in 0..<(perCentre + perLot - 1) / perLot {
                let id = "C\(centre)-L\(lot)"
                groups.append(ExaminerGroup(id: "G-\(id)", epreuve: epreuve, centre: "C\(centre)", examiners: ["E1"]))
                lots.append(Lot(id: id, epreuve: epreuve, centre: "C\(centre)", group: "G-\(id)",
                                candidates: Array(numbers[(lot * perLot)..<min((lot + 1) * perLot, perCentre)])))
            }
        }
        return SessionFile(
            session: "BENCH", academie: "Bench", centres: (0..<centres).map { Centre(code: "C\($0)", name: "Lycée \($0)") },
            epreuves: [Epreuve(code: epreuve, label: "PC", kind: .ece, subjects: [Subject(code: "S1", label: "S1", bareme: bareme())])],
            examiners: [Examiner(id: "E1", name: "E1", centre: "C0")], coordinators: [],
            groups: groups, candidates: candidates, lots: lots)
    }

    static func number(_ index: Int) -> String { String(format: "%010d", 231_000_000 + index) }

    /// The lot of candidate `index` of a centre.
    static func lot(centre: Int, index: Int) -> String { "C\(centre)-L\(index / perLot)" }

    /// A full grade of one sheet (6 fields), signed as a lab PC signs it; `round` varies the levels so
    /// that each round really changes the sheet.
    static func grade(node: String, seq: Int64, centre: Int, perCentre: Int, index: Int, round: Int, key: [UInt8],
                      shift: Int = 0) -> SyncOperation {
        let level = { (offset: Int) in levels[(index + round + offset + shift) % 4] }
        var operation = SyncOperation(
            node: node, seq: seq, hlc: HLC(wall: 1_000 + Int64(round) * 1_000_000 + Int64(index)), author: "E1", kind: .grade,
            epreuve: epreuve, lot: lot(centre: centre, index: index), candidate: number(centre * perCentre + index), base: [:],
            values: ["subject": "S1", "attendance": "PRESENT", "level.APP": level(0), "level.ANA": level(1),
                     "level.REA": level(2), "level.VAL": level(3)])
        operation.proof = ExaminerProof.sign(operation.signedBytes, key: key)
        return operation
    }

    /// E1's signing key on `central`: a secret issued as `ardoise-server credential` does, derived as a node does.
    static func signingKey(_ central: Central) throws -> [UInt8] {
        let secret = try central.credentials.issue(examiner: "E1")
        let salt = try central.reference.snapshot(centre: "C0").credentials?.first?.proofSalt.flatMap { Digest.bytes(hex: $0) } ?? []
        return ExaminerProof.key(secret: secret, salt: salt, iterations: CredentialIssuer.iterations)
    }

    /// A server store in a fresh temporary folder with `file` loaded.
    static func central(_ name: String, _ file: SessionFile) throws -> Central {
        let central = Central(store: try CentralStore.open(folder: folder(name)))
        try central.sessions.load(file)
        return central
    }

    /// Enrols `count` nodes of `centre`.
    static func enrol(_ central: Central, centre: String, count: Int) throws -> [EnrolResponse] {
        try (0..<count).map { _ in
            try central.enrolment.enrol(code: try central.enrolment.issueCode(centre: centre).code, label: "bench")
        }
    }
}

/// Every folder of one run lives under this one, removed when the run ends (`removeBenchFolders`): an
/// académie day alone leaves a database of a few hundred MiB.
let benchRoot = NSTemporaryDirectory() + "ardoise-bench-" + UUID().uuidString

func folder(_ name: String) -> String {
    let path = benchRoot + "/\(name)-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeBenchFolders() { try? FileManager.default.removeItem(atPath: benchRoot) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// One figure, `name: value`, as the issue asks.
func figure(_ name: String, _ value: Double, decimals: Int = 1) {
    FileHandle.standardOutput.write(Data("\(name): \(String(format: "%.\(decimals)f", value))\n".utf8))
}

/// Whether a part of the benchmark runs: all of them, or those named in `ARDOISE_BENCH_ONLY`
/// (comma-separated: store, push, pull, bytes, day, guesses), to measure one change at a time.
func runs(_ part: String) -> Bool {
    guard let only = ProcessInfo.processInfo.environment["ARDOISE_BENCH_ONLY"] else { return true }
    return only.split(separator: ",").contains { $0 == part }
}
