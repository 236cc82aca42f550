@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10 items 1–2 for a written épreuve (T001A, philosophy, 360 candidates scanned at 0691500S): an
/// item barème defined and validated (D11, D10), copies distributed to the correctors convoked on its COEC
/// mission, never of their own school (D10), graded centrally under the merge's rules, sent by validation.
@Suite struct WrittenEpreuveTests {
    typealias F = AccessFixture
    static let scan = "0691500S", correctors = ["P00007", "P00019", "P00031"]  // of Ampère, du Parc, Saint-Exupéry
    let fixture: F
    var central: Central { fixture.central }

    init() throws {
        fixture = try F()
        try central.convocations.setSignature(school: Self.scan, Signature(name: "Marc Roche", title: "Directeur"))
        try fixture.convoke("COEC-T001A-\(Self.scan)", Self.correctors)
    }

    static let bareme = Array("""
        code;libelle;maximum;pas
        Q1;Problématisation;8;0,5
        Q2;Argumentation;7;0.25
        Q3;Expression;5;1
        """.utf8)

    /// A lot's copies in roll-call order.
    func copies(of lot: String) throws -> [String] {
        try fixture.store.withDatabase { db in
            try db.rows("SELECT candidate FROM lot_candidates WHERE lot = ? ORDER BY position", [.text(lot)]).map { try $0.string("candidate") }
        }
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ServerError { return "\(error.status) \(error.message)" } catch { return "\(error)" }
        return nil
    }

    @Test func d11ABaremeFileIsCheckedWholeAndNamesEachProblem() {
        let bad = BaremeFile.read(Array("code;libelle;maximum;pas\nQ1;A;8;0.3\nQ1;B;7;0.25\nQ.3;C;x;1\n".utf8), path: "b.csv")
        #expect(bad.items.isEmpty)
        #expect(bad.problems.contains("b.csv:4:1: code: 'Q.3' is not 1 to 32 letters, digits, '-' or '_'"))
        #expect(bad.problems.contains("b.csv:4:3: maximum: 'x' is not a number of points"))
        let sums = BaremeFile.read(Array("code;libelle;maximum;pas\nQ1;A;8;0.3\nQ1;B;7;0.25\n".utf8), path: "b.csv").problems
        #expect(sums == ["b.csv: item Q1: step 0.3 is not 0.25, 0.5 or 1", "b.csv: item Q1 appears twice",
                         "b.csv: items' maxima add up to 15, not 20"], "\(sums)")
        #expect(BaremeFile.read(Self.bareme, path: "b.csv").items.map(\.step) == [0.5, 0.25, 1])
    }

    @Test func d10CopiesWaitForAValidatedBaremeThenGoToCorrectorsOfOtherSchoolsBalanced() throws {
        #expect(refusal { _ = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager) }
            == "409 épreuve T001A has no barème yet (D10, D11)")
        try central.baremes.define(epreuve: "T001A", subject: "S1", label: "Dissertation", items: BaremeFile.read(Self.bareme, path: "b").items)
        #expect(refusal { _ = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager) }?
            .hasPrefix("409 the barème of T001A subject S1 is not validated") == true)
        #expect(refusal { try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .person(F.coordinatorPC)) }
            == "403 \(F.coordinatorPC) may not validate the barèmes of T001A: only a coordinator of T001A may (D6)")
        try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager)
        #expect(report.added == 360 && report.lots.map(\.copies).reduce(0, +) == 360)
        // Never a candidate of the corrector's own school (D10), and the loads as even as that allows.
        let schools = try fixture.store.withDatabase { db in
            try Dictionary(uniqueKeysWithValues: db.rows("SELECT number, school FROM registered_candidates").map { (try $0.string("number"), try $0.string("school")) })
        }
        let staffSchool = ["P00007": "0690001A", "P00019": "0690002B", "P00031": "0690003C"]
        var seen = Set<String>()
        for lot in report.lots {
            let candidates = try copies(of: lot.lot)
            #expect(candidates.allSatisfy { schools[$0] != staffSchool[lot.corrector] }, "\(lot.corrector) got a candidate of their school")
            #expect(candidates.allSatisfy { seen.insert($0).inserted }, "a copy in two lots")
        }
        #expect((report.lots.map(\.copies).max() ?? 0) - (report.lots.map(\.copies).min() ?? 0) <= 1, "\(report.lots)")
        // Again: nothing moves, nothing doubles.
        #expect(try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager).added == 0)
    }

    @Test func d11ACorrectorGradesTheirCopiesItemByItemUnderTheMergesRules() throws {
        try central.baremes.define(epreuve: "T001A", subject: "S1", label: "Dissertation", items: BaremeFile.read(Self.bareme, path: "b").items)
        try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager)
        let lot = try #require(report.lots.first { $0.corrector == "P00007" })
        let copies = try copies(of: lot.lot)
        let grading = central.centralGrading
        let done = try grading.enter(epreuve: "T001A", candidate: copies[0], subject: nil, items: ["Q1": "6,5", "Q2": "5.25", "Q3": "4"],
                                     comment: nil, absent: false, by: .person("P00007"))
        #expect(done == "T001A candidate \(copies[0]) now 15.75/20")
        #expect(refusal { _ = try grading.enter(epreuve: "T001A", candidate: copies[1], subject: nil, items: ["Q2": "5.3"], comment: nil,
                                                absent: false, by: .person("P00007")) }
            == "400 candidate \(copies[1]): item Q2: '5.3' is not a grade from 0 to 7 by 0.25")
        #expect(refusal { _ = try grading.enter(epreuve: "T001A", candidate: copies[1], subject: nil, items: ["Q1": "4"], comment: nil,
                                                absent: false, by: .person("P00019")) }?.contains("is not in group G-T001A-0691500S-P00007") == true)
        #expect(refusal { _ = try grading.enter(epreuve: "T001A", candidate: copies[1], subject: nil, items: ["Q1": "4"], comment: nil,
                                                absent: false, by: .person("P00008")) }?
            .contains("examiner P00008 is not convoked on mission COEC-T001A-0691500S") == true)
        _ = try grading.enter(epreuve: "T001A", candidate: copies[1], subject: nil, items: [:], comment: nil, absent: true, by: .person("P00007"))
        #expect(try grading.lots(by: .person("P00007")).map { "\($0.id) \($0.done)" } == ["\(lot.lot) 2"])
        // The barème is frozen now that grades depend on it (D11).
        #expect(refusal { try central.baremes.define(epreuve: "T001A", subject: "S1", label: "x",
                                                     items: [BaremeItem(code: "Q1", label: "Tout", maximum: 20, step: 1)]) }
            == "409 épreuve T001A subject S1: grades depend on its barème, which is frozen (D11)")
        // Sent like an ECE grade (D17), and counted in the corrector's services faits.
        let validation = try central.validation.validate(epreuve: "T001A", by: .manager)
        #expect(validation.kind == "partial" && validation.sent == 0, "the lot is open: held back")
        let services = try central.servicesFaits.list(mission: "COEC-T001A-0691500S")
        #expect(services.first { $0.staff == "P00007" }?.copies == 2)
    }

    @Test func d12ACorrectorLocksTheirWrittenLotOnceEveryCopyIsGradedOrAbsent() throws {
        try central.baremes.define(epreuve: "T001A", subject: "S1", label: "Dissertation", items: BaremeFile.read(Self.bareme, path: "b").items)
        try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager)
        let lot = try #require(report.lots.first { $0.corrector == "P00031" }).lot
        let copies = try copies(of: lot)
        for copy in copies.dropLast() {
            _ = try central.centralGrading.enter(epreuve: "T001A", candidate: copy, subject: nil, items: ["Q1": "4", "Q2": "3.5", "Q3": "2"],
                                                 comment: nil, absent: false, by: .person("P00031"))
        }
        #expect(refusal { _ = try central.lots.lock(lot: lot, by: .person("P00031"), why: "fini") }?
            .hasPrefix("409 cannot lock \(lot): 1 candidate neither graded nor absent") == true)
        _ = try central.centralGrading.enter(epreuve: "T001A", candidate: copies[copies.count - 1], subject: nil, items: [:], comment: nil,
                                             absent: true, by: .person("P00031"))
        #expect(refusal { _ = try central.lots.lock(lot: lot, by: .person("P00007"), why: "fini") }?.hasPrefix("403 ") == true)
        #expect(try central.lots.lock(lot: lot, by: .person("P00031"), why: "copies corrigées") == "lot \(lot) locked by P00031")
        // Locked: the corrector's later entry is refused, as a lab PC's would be (D12).
        #expect(refusal { _ = try central.centralGrading.enter(epreuve: "T001A", candidate: copies[0], subject: nil, items: ["Q1": "5"],
                                                               comment: nil, absent: false, by: .person("P00031")) }?
            .hasPrefix("409 candidate \(copies[0]): lot \(lot) is locked") == true)
        let sent = try central.validation.validate(epreuve: "T001A", by: .manager)
        #expect(sent.sent == copies.count && sent.absent == 1, "the locked lot's grades go to the registration side")
    }

    @Test func d13ASickCorrectorsRemainingCopiesGoToTheOthersNeverTheirOwnSchool() throws {
        try central.baremes.define(epreuve: "T001A", subject: "S1", label: "Dissertation", items: BaremeFile.read(Self.bareme, path: "b").items)
        try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager)
        let sick = try #require(report.lots.first { $0.corrector == "P00019" }).lot
        let copies = try copies(of: sick)
        _ = try central.centralGrading.enter(epreuve: "T001A", candidate: copies[0], subject: nil, items: ["Q1": "4", "Q2": "3", "Q3": "2"],
                                             comment: nil, absent: false, by: .person("P00019"))
        #expect(refusal { _ = try central.writtenRedistribution.redistribute(lot: sick, why: " ", by: .manager) }
            == "400 why: a reassignment needs a reason (--why)")
        let moved = try central.writtenRedistribution.redistribute(lot: sick, why: "correctrice malade", by: .manager)
        #expect(moved.added == copies.count - 1, "the graded copy stays where it was graded")
        #expect(try self.copies(of: sick) == [copies[0]])
        let schools = try fixture.store.withDatabase { db in
            try Dictionary(uniqueKeysWithValues: db.rows("SELECT number, school FROM registered_candidates").map { (try $0.string("number"), try $0.string("school")) })
        }
        for (lot, school) in [(WrittenDistribution.lotID("T001A", Self.scan, "P00007"), "0690001A"),
                              (WrittenDistribution.lotID("T001A", Self.scan, "P00031"), "0690003C")] {
            #expect(try self.copies(of: lot).allSatisfy { schools[$0] != school })
        }
        let audit = try central.audit.entries()
        #expect(audit.contains { $0.action == "redistribute" && $0.detail.contains("correctrice malade") })
        #expect(try fixture.store.withDatabase { try $0.scalarInt("SELECT count(*) FROM reassignments WHERE from_lot = ?", [.text(sick)]) }
            == Int64(copies.count - 1))
    }

    @Test func d20TheAcademieClosesAWrittenEpreuveAtItsScanCentreAndItsSheetsShowTheItems() throws {
        try central.baremes.define(epreuve: "T001A", subject: "S1", label: "Dissertation", items: BaremeFile.read(Self.bareme, path: "b").items)
        try central.baremes.validate(epreuve: "T001A", subject: "S1", by: .manager)
        let report = try central.writtenDistribution.distribute(epreuve: "T001A", scanCentre: Self.scan, by: .manager)
        var graded: String?
        for lot in report.lots {
            for (index, copy) in try copies(of: lot.lot).enumerated() {
                if index == 0 { graded = graded ?? copy }
                _ = try central.centralGrading.enter(epreuve: "T001A", candidate: copy, subject: nil,
                                                     items: index == 0 ? ["Q1": "4", "Q2": "3", "Q3": "2"] : [:], comment: nil,
                                                     absent: index != 0, by: .person(lot.corrector))
            }
            if lot.corrector != "P00031" { _ = try central.lots.lock(lot: lot.lot, by: .person(lot.corrector), why: "fini") }
        }
        #expect(refusal { _ = try central.closure.close(epreuve: "T001A", centre: Self.scan, by: .person(F.centreA)) }?.hasPrefix("403 ") == true)
        #expect(refusal { _ = try central.closure.close(epreuve: "T001A", centre: Self.scan, by: .manager) }?
            .hasPrefix("409 cannot close T001A at \(Self.scan): lot L-T001A-0691500S-P00031 is open") == true)
        _ = try central.lots.lock(lot: WrittenDistribution.lotID("T001A", Self.scan, "P00031"), by: .person("P00031"), why: "fini")
        let closed = try central.closure.close(epreuve: "T001A", centre: Self.scan, by: .manager)
        #expect(closed.lots == 3 && closed.validation.kind == "total" && closed.validation.sent == 360)
        let export = try central.evaluationSheets.export(epreuve: "T001A", centre: Self.scan, by: .manager)
        #expect(export.count == 360)
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(export.bytes).write(to: folder.appendingPathComponent("s.zip"))
        let unzip = try #require(ToolRunner.find("unzip")), pdftotext = try #require(ToolRunner.find("pdftotext"))
        let number = try #require(graded)
        let lot = try #require(report.lots.first { try copies(of: $0.lot).contains(number) }).lot
        #expect(try ToolRunner.run(unzip, ["-q", folder.path + "/s.zip", "T001A-\(Self.scan)/\(lot)/\(number).pdf", "-d", folder.path]).status == 0)
        let text = try ToolRunner.run(pdftotext, ["-layout", folder.path + "/T001A-\(Self.scan)/\(lot)/\(number).pdf", "-"]).out
        #expect(text.contains("Problématisation") && text.contains("Total : 9/20") && text.range(of: #"4\s*/\s*8"#, options: .regularExpression) != nil, "\(text)")
    }
}
