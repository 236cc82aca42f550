@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10 item 7: closure by the exam centre (D20) on the access fixture's académie: lot LA-PC at Lycée
/// Ampère (KA1 graded B by Camille MARTIN, KA2 absent).
@Suite struct ClosureTests {
    typealias F = AccessFixture
    let fixture: F
    var central: Central { fixture.central }
    let centre = Actor.person(F.centreA)

    init() throws {
        fixture = try F()
        var ops = OperationMaker(try fixture.enrol(centre: F.a))
        _ = try fixture.central.push.push(node: ops.node, operations: [
            ops.fullGrade("KA1", author: F.examinerPCatA, lot: "LA-PC", level: "B"),
            ops.make(kind: .attendance, author: F.examinerPCatA, lot: "LA-PC", candidate: "KA2", ["attendance": "AB"]),
        ])
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ServerError { return "\(error.status) \(error.message)" } catch { return "\(error)" }
        return nil
    }

    @Test func d20TheExamCentreClosesOnceEveryLotIsLockedAndTheGradesAreSent() throws {
        #expect(refusal { _ = try central.closure.close(epreuve: "T011B", centre: F.a, by: .person(F.coordinatorPC)) }
            == "403 \(F.coordinatorPC) may not close T011B at \(F.a): only its referent at \(F.a) or the staff of centre \(F.a) (D20) may (D6)")
        #expect(refusal { _ = try central.closure.close(epreuve: "T011B", centre: F.a, by: .person(F.centreB)) }?.hasPrefix("403 ") == true)
        #expect(refusal { _ = try central.closure.close(epreuve: "T011B", centre: F.a, by: centre) }
            == "409 cannot close T011B at \(F.a): lot LA-PC is open (D12, D20)")
        _ = try central.lots.lock(lot: "LA-PC", by: centre, why: "fin de l'épreuve")
        let report = try central.closure.close(epreuve: "T011B", centre: F.a, by: centre)
        // The registrations' candidates of A in no lot are held back: a partial transmission of A's grades.
        #expect(report.lots == 1 && report.validation.sent == 2 && report.validation.kind == "partial")
        let book = try central.registrationGrades.list(epreuve: "T011B").map { "\($0.candidate) \($0.value)" }
        #expect(book == ["KA1 14.00", "KA2 AB"])
        #expect(refusal { _ = try central.closure.close(epreuve: "T011B", centre: F.a, by: centre) }?
            .hasPrefix("409 épreuve T011B is closed at \(F.a) already (by \(F.centreA) at ") == true)
        // Frozen: no harmonisation while closed.
        try central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: true, harmoniseInMass: true)
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: GradePoints(hundredths: 1500), why: "x",
                                                                by: .person(F.coordinatorPC)) }?
            .hasPrefix("409 épreuve T011B is closed at \(F.a) (by \(F.centreA)") == true)

        // Unlocking a lot there reopens it, audited; the sheets are exported only while closed.
        _ = try central.lots.unlock(lot: "LA-PC", by: .person(F.referentPCatA), why: "recorrection de KA1")
        let audit = try central.audit.entries()
        #expect(audit.contains { $0.action == "close" && $0.actor == F.centreA })
        #expect(audit.contains { $0.action == "reopen" && $0.actor == F.referentPCatA && $0.detail.contains("by unlocking lot LA-PC") })
        #expect(refusal { _ = try central.evaluationSheets.export(epreuve: "T011B", centre: F.a, by: centre) }
            == "409 épreuve T011B is not closed at \(F.a): its sheets are exported once it is (D20)")
        // Reopened: once locked again, its grades can be harmonised.
        _ = try central.lots.lock(lot: "LA-PC", by: centre, why: "recorrigé")
        #expect(try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: GradePoints(hundredths: 1500), why: "x",
                                               by: .person(F.coordinatorPC)).changed == 1)
    }

    @Test func d20TheFilledSheetsAreOnePDFPerCandidateZippedWithDescriptorsExaminersAndDate() throws {
        _ = try central.lots.lock(lot: "LA-PC", by: centre, why: "fin")
        _ = try central.closure.close(epreuve: "T011B", centre: F.a, by: centre)
        #expect(throws: ServerError.self) { _ = try central.evaluationSheets.export(epreuve: "T011B", centre: F.a, by: .person(F.coordinatorSVT)) }
        let export = try central.evaluationSheets.export(epreuve: "T011B", centre: F.a, by: .person(F.coordinatorPC))
        #expect(export.count == 2)
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("sheets.zip")
        try Data(export.bytes).write(to: zip)
        let unzip = try #require(ToolRunner.find("unzip"), "scripts/setup installs unzip")
        #expect(try ToolRunner.run(unzip, ["-q", zip.path, "-d", folder.path]).status == 0)
        let pdftotext = try #require(ToolRunner.find("pdftotext"), "scripts/setup installs poppler-utils")
        let graded = try ToolRunner.run(pdftotext, ["-layout", folder.path + "/T011B-0690001A/LA-PC/KA1.pdf", "-"]).out
        for expected in ["FICHE D'ÉVALUATION", "KA1", "LA-PC", "S'approprier", "Réaliser", "Total : 14/20", "Camille MARTIN", "0690001A Lycée Ampère"] {
            #expect(graded.contains(expected), "\(expected) in:\n\(graded)")
        }
        #expect(graded.range(of: #"Date\s+\d{2}/\d{2}/\d{4}"#, options: .regularExpression) != nil, "\(graded)")
        let absent = try ToolRunner.run(pdftotext, [folder.path + "/T011B-0690001A/LA-PC/KA2.pdf", "-"]).out
        #expect(absent.contains("AB (absent)") && !absent.contains("S'approprier"), "\(absent)")
    }
}
