import ArdoiseProtocol
import ArdoiseSupport
import Foundation
import TestSupport
@testable import ArdoiseNode

/// A node folder of its own per test, enrolled by hand (no server): centre C1, épreuve T011B with two
/// subjects (S1, S2), épreuve SVT1 with one; lot L1 (T011B, group G1: ex1, ex2) holds 0231 and 0232;
/// lot L2 (SVT1, group G2: ex3) holds 0241; 0999 is a candidate of the centre in no lot.
final class NodeFixture {
    let folder: String
    let node: Node

    init(install: Bool = true) throws {
        folder = NSTemporaryDirectory() + "ardoise-node-test-" + UUID().uuidString
        node = try Node.open(folder: folder, create: true)
        if install {
            try node.enrolment.install(reference: NodeFixture.reference, node: "N1", centre: "C1", token: "secret",
                             server: "http://127.0.0.1:1")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static func grid() -> Bareme {
        Bareme(competencies: [
            Competency(code: "APP", label: "S'approprier", points: ["A": 4, "B": 3, "C": 2, "D": 0]),
            Competency(code: "ANA", label: "Analyser", points: ["A": 6, "B": 4, "C": 2, "D": 0]),
            Competency(code: "REA", label: "Réaliser", points: ["A": 6, "B": 4, "C": 2, "D": 0]),
            Competency(code: "VAL", label: "Valider", points: ["A": 4, "B": 3, "C": 1, "D": 0]),
        ])
    }

    static let reference = ReferenceSnapshot(
        version: 3, session: "BGT 2026", centre: Centre(code: "C1", name: "Lycée Test"),
        epreuves: [
            Epreuve(code: "T011B", label: "Physique-chimie pratique", kind: .ece, subjects: [
                Subject(code: "S1", label: "Titrage", bareme: grid()),
                Subject(code: "S2", label: "Pendule", bareme: grid()),
            ]),
            Epreuve(code: "SVT1", label: "SVT pratique", kind: .ece, subjects: [
                Subject(code: "V1", label: "Microscope", bareme: grid()),
            ]),
        ],
        examiners: [
            Examiner(id: "ex1", name: "Examiner One", centre: "C1"),
            Examiner(id: "ex2", name: "Examiner Two", centre: "C1"),
            Examiner(id: "ex3", name: "Examiner Three", centre: "C1"),
        ],
        groups: [
            ExaminerGroup(id: "G1", epreuve: "T011B", centre: "C1", examiners: ["ex1", "ex2"]),
            ExaminerGroup(id: "G2", epreuve: "SVT1", centre: "C1", examiners: ["ex3"]),
        ],
        candidates: [
            Candidate(number: "0231", centre: "C1", epreuves: ["T011B"]),
            Candidate(number: "0232", centre: "C1", epreuves: ["T011B"]),
            Candidate(number: "0241", centre: "C1", epreuves: ["SVT1"]),
            Candidate(number: "0999", centre: "C1", epreuves: ["T011B"]),
        ],
        lots: [
            Lot(id: "L1", epreuve: "T011B", centre: "C1", group: "G1", candidates: ["0231", "0232"]),
            Lot(id: "L2", epreuve: "SVT1", centre: "C1", group: "G2", candidates: ["0241"]),
        ],
        credentials: ["ex1", "ex2", "ex3"].map(credential))

    /// A verifier and proof salt for `TestSecrets.secret(for: examiner)`, at few rounds: node tests with no
    /// server only need to sign; a server's credentials come from `LoopbackCentral`.
    static func credential(_ examiner: String) -> ExaminerCredential {
        let salt = Array("salt of \(examiner)".utf8)
        return ExaminerCredential(examiner: examiner, salt: Digest.hex(salt), iterations: 1_000,
                                  hash: Digest.pbkdf2(secret: TestSecrets.secret(for: examiner), salt: salt, iterations: 1_000),
                                  proofSalt: Digest.hex(Array("proof salt of \(examiner)".utf8)))
    }

    static let fullLevels = ["APP": "A", "ANA": "B", "REA": "A", "VAL": "C"]  // 4 + 4 + 6 + 1 = 15

    /// Stores pulled server changes and a cursor as a pull page would.
    func pull(_ changes: [Change], cursor: Int64) throws {
        try node.store.database.transaction {
            for change in changes { try PulledChanges(store: node.store, wall: .system).apply(change) }
            try node.store.config.set(ConfigKey.cursor, cursor)
        }
    }

    /// Marks outbox operations up to `seq` as acknowledged at `revision`, as a push response would.
    func acknowledge(upTo seq: Int64, revision: Int64) throws {
        try node.store.database.run("UPDATE outbox SET acked_rev = ? WHERE acked_rev IS NULL AND seq <= ?",
                              [.int(revision), .int(seq)])
    }
}
