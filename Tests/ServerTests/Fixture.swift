import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import TestSupport

/// A small session and a fresh central store in its own temporary folder, with a secret issued to every
/// examiner (`TestSecrets.secret(for:)`), so that `OperationMaker` signs as a lab PC does.
struct Fixture {
    static let centre = "C1"
    static let otherCentre = "C2"

    static func bareme() -> Bareme {
        Bareme(competencies: [
            Competency(code: "APP", label: "S'approprier", points: ["A": 4, "B": 3, "C": 2, "D": 0]),
            Competency(code: "ANA", label: "Analyser", points: ["A": 6, "B": 4, "C": 2, "D": 1]),
            Competency(code: "REA", label: "Réaliser", points: ["A": 10, "B": 7, "C": 4, "D": 1]),
        ])
    }

    static func session() -> SessionFile {
        SessionFile(
            session: "TEST 2026", academie: "Test",
            centres: [Centre(code: centre, name: "Lycée Un"), Centre(code: otherCentre, name: "Lycée Deux")],
            epreuves: [Epreuve(code: "T011B", label: "Physique-chimie pratique", kind: .ece, subjects: [
                Subject(code: "S1", label: "Sujet 1", bareme: bareme()),
                Subject(code: "S2", label: "Sujet 2", bareme: bareme()),
            ])],
            examiners: [Examiner(id: "E1", name: "Un", centre: centre), Examiner(id: "E2", name: "Deux", centre: centre),
                        Examiner(id: "E3", name: "Trois", centre: centre), Examiner(id: "E9", name: "Neuf", centre: otherCentre)],
            coordinators: [Coordinator(id: "COORD", name: "Coordinatrice")],
            groups: [ExaminerGroup(id: "G1", epreuve: "T011B", centre: centre, examiners: ["E1", "E2"]),
                     ExaminerGroup(id: "G3", epreuve: "T011B", centre: centre, examiners: ["E3"]),
                     ExaminerGroup(id: "G9", epreuve: "T011B", centre: otherCentre, examiners: ["E9"])],
            candidates: ["K1", "K2", "K3"].map { Candidate(number: $0, centre: centre, epreuves: ["T011B"]) }
                + [Candidate(number: "K9", centre: otherCentre, epreuves: ["T011B"])],
            lots: [Lot(id: "L1", epreuve: "T011B", centre: centre, group: "G1", candidates: ["K1", "K2"]),
                   Lot(id: "L3", epreuve: "T011B", centre: centre, group: "G3", candidates: ["K3"]),
                   Lot(id: "L9", epreuve: "T011B", centre: otherCentre, group: "G9", candidates: ["K9"])])
    }

    let folder: String
    let store: CentralStore
    let central: Central

    static let examiners = ["E1", "E2", "E3", "E9"]

    init() throws {
        folder = NSTemporaryDirectory() + "ardoise-server-test-" + UUID().uuidString
        store = try CentralStore.open(folder: folder)
        central = Central(store: store)
        try central.sessions.load(Fixture.session())
        for examiner in Self.examiners {
            _ = try Central(store: store, random: TestSecrets.random(for: examiner), credentialRounds: TestSecrets.rounds).credentials.issue(examiner: examiner)
        }
    }

    /// Enrols a node of `centre` through a one-time code, as a lab PC would.
    func enrol(centre: String = Fixture.centre) throws -> (node: NodeIdentity, token: String) {
        let code = try central.enrolment.issueCode(centre: centre)
        let response = try central.enrolment.enrol(code: code.code, label: "PC")
        return (NodeIdentity(id: response.node, centre: response.centre), response.token)
    }
}

/// Builds a node's operations with contiguous sequence numbers and a clock it controls.
struct OperationMaker {
    let node: NodeIdentity
    var seq: Int64 = 0
    var wall: Int64 = 1_000

    init(_ node: NodeIdentity, wall: Int64 = 1_000) {
        self.node = node
        self.wall = wall
    }

    mutating func make(kind: OperationKind = .grade, author: String = "E1", lot: String = "L1", candidate: String? = "K1",
                       base: [String: Int64] = [:], _ values: [String: String]) -> SyncOperation {
        seq += 1
        wall += 1
        var operation = SyncOperation(node: node.id, seq: seq, hlc: HLC(wall: wall), author: author, kind: kind,
                                      epreuve: "T011B", lot: lot, candidate: candidate, base: base, values: values)
        operation.proof = ProofKeys.sign(operation)
        return operation
    }

    /// A complete grade of one candidate.
    mutating func fullGrade(_ candidate: String, author: String = "E1", lot: String = "L1", subject: String = "S1",
                            level: String = "A") -> SyncOperation {
        make(author: author, lot: lot, candidate: candidate, ["subject": subject, "attendance": "PRESENT",
             "level.\(subject).APP": level, "level.\(subject).ANA": level, "level.\(subject).REA": level])
    }
}

extension Central {
    /// The server's view of one sheet, from what nodes pull.
    func sheet(_ candidate: String, centre: String = Fixture.centre) throws -> [String: String] {
        var fields: [String: String] = [:]
        for change in try pull.pull(centre: centre, after: 0, limit: 2000).changes
        where change.kind == .field && change.candidate == candidate {
            if let field = change.field { fields[field] = change.value }
        }
        return fields
    }
}

/// The keys a lab PC derives from the examiners' test secrets, derived once per test process (the salts
/// `TestSecrets.random(for:)` gives are the same in every fixture).
enum ProofKeys {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var keys: [String: [UInt8]] = [:]

    static func key(for examiner: String) -> [UInt8] {
        lock.withLock {
            if let key = keys[examiner] { return key }
            // What `CredentialIssuer.issue` draws: the secret's 12 bytes, the verifier's salt, then the proof salt.
            let random = TestSecrets.random(for: examiner)
            _ = try? random.bytes(12)
            _ = try? random.bytes(16)
            let salt = (try? random.bytes(16)) ?? []
            let key = ExaminerProof.key(secret: TestSecrets.secret(for: examiner), salt: salt,
                                        iterations: TestSecrets.rounds)
            keys[examiner] = key
            return key
        }
    }

    /// The proof a lab PC would attach for the operation's author.
    static func sign(_ operation: SyncOperation) -> String {
        ExaminerProof.sign(operation.signedBytes, key: key(for: operation.author))
    }
}
