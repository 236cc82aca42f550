@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10, the oral épreuve (T090O, grand oral): once its assignment is finished (D2) examiners are
/// convoked on its INEC mission at an exam centre, its item barème validated (D10, D11), its candidates
/// there shared among them never of their own school, graded centrally, and validated like the rest.
@Suite struct OralEpreuveTests {
    static let centre = "0690001A", examiners = ["P00007", "P00019", "P00020"]  // of Ampère, du Parc, du Parc

    @Test func d2D10AnOralsCandidatesGoToItsConvokedExaminersAndAreGradedCentrally() throws {
        // The example export has not finished assigning the grand oral: finish it (at Lycée du Parc) and say so.
        let folder = try RegistrationFolderCopy()
        let assigned = Set(try folder.read("affectations.csv").split(whereSeparator: \.isNewline).filter { $0.contains(";T090O;") }
            .map { String($0.prefix { $0 != ";" }) })
        for line in try folder.read("candidats.csv").split(whereSeparator: \.isNewline) where line.contains("T090O") {
            let number = String(line.prefix { $0 != ";" })
            if !assigned.contains(number) { try folder.append("affectations.csv", "\(number);T090O;0690002B;") }
        }
        try folder.replace("etat_affectations.csv", "T090O;non", "T090O;oui")
        let central = Central(store: try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-oral-" + UUID().uuidString),
                              credentialRounds: TestSecrets.rounds)
        try central.registrations.load(try RegistrationImport.read(folder: folder.path))
        try central.staff.importMembers(StaffDirectory.read(path: RegistrationFolderCopy.examples + "/personnels.csv").members)
        try central.missions.generate()
        try central.convocations.setSignature(school: Self.centre, Signature(name: "Anne Dupont", title: "Proviseure"))
        try central.convocations.convoke(.init(mission: "INEC-T090O-\(Self.centre)", staff: Self.examiners,
                                               dates: [try ConvocationDate(parsing: "2026-06-22T08:00-18:00")]))
        let items = [BaremeItem(code: "PRES", label: "Présentation", maximum: 8, step: 0.5),
                     BaremeItem(code: "ECH", label: "Échange", maximum: 8, step: 0.5),
                     BaremeItem(code: "ORI", label: "Orientation", maximum: 4, step: 0.5)]
        try central.baremes.define(epreuve: "T090O", subject: "GO", label: "Grand oral", items: items)
        try central.baremes.validate(epreuve: "T090O", subject: "GO", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T090O", scanCentre: Self.centre, by: .manager)
        let registered = try central.store.withDatabase {
            try $0.scalarInt("SELECT count(*) FROM registrations WHERE epreuve = 'T090O' AND exam_centre = ?", [.text(Self.centre)])
        }
        #expect(Int64(report.added) == registered && report.lots.count == 3)
        // Ampère's candidates sit at Ampère: its own teacher examines none of them; the two of du Parc share them.
        let loads = Dictionary(uniqueKeysWithValues: report.lots.map { ($0.corrector, $0.copies) })
        #expect(loads["P00007"] == 0 && abs((loads["P00019"] ?? 0) - (loads["P00020"] ?? 0)) <= 1, "\(loads)")
        let parc = try #require(report.lots.first { $0.corrector == "P00019" }).lot
        let copies = try central.store.withDatabase { db in
            try db.rows("SELECT lc.candidate, c.school FROM lot_candidates lc JOIN registered_candidates c ON c.number = lc.candidate "
                + "WHERE lc.lot = ? ORDER BY lc.position", [.text(parc)]).map { (try $0.string("candidate"), try $0.string("school")) }
        }
        let first = try #require(copies.first)
        #expect(copies.allSatisfy { $0.1 != "0690002B" }, "never a candidate of the examiner's school")
        let done = try central.centralGrading.enter(epreuve: "T090O", candidate: first.0, subject: nil,
                                                    items: ["PRES": "6.5", "ECH": "7", "ORI": "3"], comment: nil, absent: false,
                                                    by: .person("P00019"))
        #expect(done == "T090O candidate \(first.0) now 16.5/20")
        #expect(throws: ServerError.self) {
            _ = try central.centralGrading.enter(epreuve: "T090O", candidate: first.0, subject: nil, items: ["ORI": "3"], comment: nil,
                                                 absent: false, by: .person("P00007"))
        }
        let services = try central.servicesFaits.list(mission: "INEC-T090O-\(Self.centre)")
        #expect(services.first { $0.staff == "P00019" }?.days == 1)
    }
}
