@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import Testing
import TestSupport

/// Issue 10 item 5: harmonisation (D15, D16) through the real store, on the access fixture's académie:
/// lot LA-PC (physics at Lycée Ampère, copies KA1 and KA2) and LB-PC (at Lycée du Parc, KB1).
@Suite struct HarmonisationTests {
    typealias F = AccessFixture
    let fixture: F
    var central: Central { fixture.central }
    let coordinator = Actor.person(F.coordinatorPC)

    /// KA1 graded B everywhere by the examiner at A (raw 14), KA2 absent, KB1 graded C at B (raw 8); both lots locked.
    init() throws {
        fixture = try F()
        var atA = OperationMaker(try fixture.enrol(centre: F.a))
        var atB = OperationMaker(try fixture.enrol(centre: F.b))
        _ = try central.push.push(node: atA.node, operations: [
            atA.fullGrade("KA1", author: F.examinerPCatA, lot: "LA-PC", level: "B"),
            atA.make(kind: .attendance, author: F.examinerPCatA, lot: "LA-PC", candidate: "KA2", ["attendance": "AB"]),
        ])
        _ = try central.push.push(node: atB.node, operations: [atB.fullGrade("KB1", author: F.examinerPCatB, lot: "LB-PC", level: "C")])
        for lot in ["LA-PC", "LB-PC"] { _ = try central.lots.lock(lot: lot, by: .manager, why: "fin des épreuves") }
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ServerError { return "\(error.status) \(error.message)" } catch { return "\(error)" }
        return nil
    }

    @Test func d15AUnitHarmonisationNeedsTheParameterALockedLotAndACoordinatorOfTheEpreuve() throws {
        let grade = try #require(GradePoints(parsing: "15,5"))
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: "jury", by: coordinator) }
            == "409 épreuve T011B: the parameter \"edit by coordinator\" is off (D15)")
        try central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: true, harmoniseInMass: nil)
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: "jury", by: .person(F.coordinatorSVT)) }?
            .hasPrefix("403 \(F.coordinatorSVT) may not harmonise the grades of T011B") == true)
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: "jury", by: .person(F.referentPCatA)) }?
            .hasPrefix("403 ") == true, "a centre's referent does not harmonise")
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: "jury", by: .manager) }
            == "403 a unit harmonisation is a coordinator's, signed in (D15)")
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 2, grade: grade, why: "jury", by: coordinator) }
            == "409 copy 2 of lot LA-PC is AB: it has no grade to harmonise")
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 3, grade: grade, why: "jury", by: coordinator) }
            == "404 copy 3: lot LA-PC has copies 1 to 2")
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: " ", by: coordinator) }
            == "400 a harmonisation needs a reason (--why)")
        #expect(refusal { _ = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: GradePoints(hundredths: 2050), why: "x", by: coordinator) }
            == "400 grade: 20.50 is not between 0 and 20")

        let done = try central.harmonisation.unit(lot: "LA-PC", copy: 1, grade: grade, why: "erreur de barème sur APP", by: coordinator)
        #expect(done.changed == 1 && done.graded == 1)
        // The raw levels stay; the harmonised grade goes beside them, with who, how and why.
        let sheet = try central.sheet("KA1", centre: F.a)
        #expect(sheet["level.S1.APP"] == "B" && sheet[SheetField.harmonisedGrade] == "15.50")
        #expect(sheet[SheetField.harmonisedReason]?.contains("unit harmonisation by \(F.coordinatorPC)") == true)
        #expect(sheet[SheetField.harmonisedReason]?.contains("14.00 → 15.50 (set to 15.50, raw 14.00); erreur de barème sur APP") == true)
        // The coordinator's screen names copies by place, never the candidate (D15).
        let view = try central.harmonisation.view(lot: "LA-PC", by: coordinator)
        #expect(view.copies.map(\.copy) == [1, 2] && view.copies[0].raw == GradePoints(hundredths: 1400)
                && view.copies[0].harmonised == grade && view.copies[1].status == "AB")
        #expect(!String(decoding: try JSONCoding.encode(view), as: UTF8.self).contains("KA1"))
        let history = try central.harmonisation.history()
        #expect(history.count == 1 && history[0].before == GradePoints(hundredths: 1400) && history[0].after == grade
                && history[0].by == F.coordinatorPC && history[0].kind == "unit")
        #expect(try central.audit.entries().contains { $0.actor == F.coordinatorPC && $0.action == "harmonise-unit" })
    }

    @Test func d16AMassHarmonisationShiftsOrMapsALotPartOfOneOrACorrectorClampedTo0to20() throws {
        #expect(refusal { _ = try central.harmonisation.mass(.lot("LA-PC"), rule: .shift(GradePoints(hundredths: 100)), why: "x", by: coordinator) }
            == "409 épreuve T011B: the parameter \"harmonise in mass\" is off (D16)")
        try central.epreuveParameters.set(epreuve: "T011B", editByCoordinator: nil, harmoniseInMass: true)
        // A corrector's copies across the épreuve's locked lots: only KA1 is the examiner at A's.
        let byCorrector = try central.harmonisation.mass(.corrector(epreuve: "T011B", staff: F.examinerPCatA),
                                                         rule: .shift(GradePoints(hundredths: 125)), why: "correcteur sévère", by: coordinator)
        #expect(byCorrector.changed == 1)
        #expect(try central.sheet("KA1", centre: F.a)[SheetField.harmonisedGrade] == "15.25")
        #expect(try central.sheet("KB1", centre: F.b)[SheetField.harmonisedGrade] == nil)
        // A linear map composes with what is in force: 1.1 × 15.25 = 16.775 → 16.78, − 0.5 = 16.28.
        _ = try central.harmonisation.mass(.lot("LA-PC"), rule: .linear(scale: 11_000, offset: GradePoints(hundredths: -50)),
                                           why: "moyenne du lot", by: .manager)
        #expect(try central.sheet("KA1", centre: F.a)[SheetField.harmonisedGrade] == "16.28")
        // Clamped to 20; absent copies keep AB.
        let clamped = try central.harmonisation.mass(.copies(lot: "LB-PC", [1]), rule: .shift(GradePoints(hundredths: 1500)),
                                                     why: "sujet trop difficile", by: coordinator)
        let kb1 = try central.sheet("KB1", centre: F.b)
        #expect(clamped.changed == 1 && kb1[SheetField.harmonisedGrade] == "20.00")
        #expect(try central.sheet("KA2", centre: F.a)[SheetField.harmonisedGrade] == nil)
        let history = try central.harmonisation.history(epreuve: "T011B")
        #expect(history.map(\.after.description) == ["15.25", "16.28", "20.00"])
        #expect(history.map(\.raw.description) == ["14.00", "14.00", "8.00"] && history[1].by == "manager")

        // Open lots are not harmonised; bad numbers are named.
        _ = try central.lots.unlock(lot: "LA-PC", by: .manager, why: "reprise")
        #expect(refusal { _ = try central.harmonisation.mass(.lot("LA-PC"), rule: .shift(GradePoints(hundredths: 100)), why: "x", by: coordinator) }
            == "409 lot LA-PC is open: only the grades of a locked lot are harmonised (D15, D16)")
        #expect(refusal { _ = try HarmoniseRequest(lot: "LB-PC", shift: "1.234", why: "x").run(on: central.harmonisation, by: coordinator) }
            == "400 shift: '1.234' is not a number of points with at most two decimals")
        #expect(refusal { _ = try HarmoniseRequest(lot: "LB-PC", scale: "0", why: "x").run(on: central.harmonisation, by: coordinator) }
            == "400 scale: 0 is not above 0 and at most 4 (a harmonisation keeps the order of the grades)")
        #expect(refusal { _ = try HarmoniseRequest(lot: "LB-PC", why: "x").run(on: central.harmonisation, by: coordinator) }
            == "400 rule: give a shift, or a scale with an optional offset")
    }

    @Test func d16AnExaminerCannotWriteTheHarmonisedGradeFromALabPC() throws {
        _ = try central.lots.unlock(lot: "LA-PC", by: .manager, why: "reprise")
        var ops = OperationMaker(try fixture.enrol(centre: F.a))
        let forged = ops.make(author: F.examinerPCatA, lot: "LA-PC", candidate: "KA1", [SheetField.harmonisedGrade: "20.00"])
        let result = try #require(try central.push.push(node: ops.node, operations: [forged]).results.first)
        #expect(result.outcome == .rejected && result.detail?.contains("harmonised.grade is set centrally") == true, "\(result)")
    }

    @Test func gradePointsReadAndPrintHundredths() {
        #expect(GradePoints(parsing: "14")?.hundredths == 1400 && GradePoints(parsing: "-0,75")?.hundredths == -75)
        #expect(GradePoints(parsing: "+1.5")?.description == "1.50" && GradePoints(parsing: ".5") == nil)
        #expect(GradePoints(parsing: "1.234") == nil && GradePoints(parsing: "١٢") == nil && GradePoints(parsing: "1e3") == nil)
        #expect(GradePoints(points: 16.125)?.description == "16.13" && GradePoints(points: .nan) == nil)
        #expect(GradeRule.scale(parsing: "1,1") == 11_000 && GradeRule.scale(parsing: "0.9525") == 9_525 && GradeRule.scale(parsing: "1.23456") == nil)
        #expect(GradeRule.linear(scale: 9_525, offset: .zero).apply(GradePoints(hundredths: 1000)) == GradePoints(hundredths: 953))
    }
}
