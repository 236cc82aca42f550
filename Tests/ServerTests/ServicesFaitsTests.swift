@testable import ArdoiseServer
import ArdoiseProtocol
import ArdoiseSupport
import Foundation
import Testing

/// Issue 9 item 8 through the real store: services faits derived from the correction data, and entries
/// made by hand kept apart, never overwritten by a later derivation (D17, D18). The session's examiners
/// are staff of the example registrations, graded under their staff ids once convoked (D6).
@Suite struct ServicesFaitsTests {
    static let centre = "0690001A", mission = "PRECE-T011B-0690001A"
    let fixture: ServicesFixture
    var central: Central { fixture.central }

    init() throws { fixture = try ServicesFixture() }

    func status(_ body: () throws -> Void) -> (Int, String)? {
        do { try body() } catch let error as ServerError { return (error.status, error.message) } catch { return nil }
        return nil
    }

    func line(_ services: [ServiceFait], _ staff: String, _ source: ServiceSource = .calcul,
              mission: String = mission) -> ServiceFait? {
        services.first { $0.staff == staff && $0.source == source && $0.mission == mission }
    }

    @Test func d18DerivedCountsFromTheGradesAConvokedExaminerPushed() throws {
        let letters = try fixture.convoke(Self.mission, ["P00001", "P00002", "P00037"],
                                          dates: ["2026-06-17T08:00-12:00", "2026-06-17T13:00-17:00", "2026-06-18T08:00-12:00"])
        try fixture.convoke("COEC-T001A-0691500S", ["P00007"])
        try fixture.convoke("SSCAN-0691500S", ["P00010"])
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try central.push.push(node: node, operations: [ops.fullGrade("K1", author: "P00001"), ops.fullGrade("K2", author: "P00001"),
                                                           ops.make(kind: .attendance, author: "P00002", candidate: "K3", ["attendance": "AB"]),
                                                           ops.make(author: "P00002", candidate: "K2", ["comment": "vu"])])
        let services = try central.servicesFaits.list()
        #expect(line(services, "P00001")?.candidates == 2 && line(services, "P00001")?.days == 2)
        #expect(line(services, "P00002")?.candidates == 1, "an attendance counts, another field does not")
        #expect(line(services, "P00037")?.candidates == 0)
        #expect(line(services, "P00001")?.convocation == letters[0].id && line(services, "P00001")?.qualite == .correcteur
                && line(services, "P00001")?.name == "Camille MARTIN" && line(services, "P00001")?.centre == Self.centre)
        let coec = try #require(line(services, "P00007", mission: "COEC-T001A-0691500S"))
        #expect(coec.copies == 0 && coec.candidates == nil && coec.days == 1)
        let scan = try #require(line(services, "P00010", mission: "SSCAN-0691500S"))
        #expect(scan.copies == nil && scan.candidates == nil && scan.days == 1 && scan.qualite == nil)
        #expect(try central.servicesFaits.list(mission: Self.mission).map(\.staff) == ["P00001", "P00037", "P00002"])
        #expect(status { _ = try central.servicesFaits.list(mission: "PRECE-NOPE") }?.1 == "mission: PRECE-NOPE not found")
    }

    @Test func d18HandEntriesAreKeptApartAndALaterDerivationLeavesThemAlone() throws {
        let letters = try fixture.convoke(Self.mission, ["P00001", "P00002"])
        let (node, _) = try fixture.enrol()
        var ops = OperationMaker(node)
        _ = try central.push.push(node: node, operations: [ops.fullGrade("K1", author: "P00001"),
                                                           ops.make(kind: .attendance, author: "P00002", candidate: "K3", ["attendance": "AB"])])
        let entry = try central.servicesFaits.add(convocation: letters[0].id, quantity: 5, unit: "Candidat", note: "oral de rattrapage")
        #expect(entry.source == .saisie && entry.candidates == 5 && entry.days == nil && entry.author == "manager"
                && entry.note == "oral de rattrapage" && entry.name == "Camille MARTIN")
        var services = try central.servicesFaits.list(mission: Self.mission)
        #expect(services.map(\.source) == [.calcul, .saisie, .calcul])
        #expect(line(services, "P00001")?.candidates == 1 && line(services, "P00002")?.candidates == 1)
        // New grades: the derivation follows them, the hand entry stays as it was entered. P00001 grading K3
        // writes its attendance over P00002's, which then counts for P00001.
        _ = try central.push.push(node: node, operations: [ops.fullGrade("K2", author: "P00001"), ops.fullGrade("K3", author: "P00001")])
        services = try central.servicesFaits.list(mission: Self.mission)
        #expect(line(services, "P00001")?.candidates == 3 && line(services, "P00002")?.candidates == 0)
        #expect(line(services, "P00001", .saisie) == entry)
        // The entry outlives its convocation, and goes only by its id.
        try central.convocations.delete(letters[0].id)
        #expect(try central.servicesFaits.list(mission: Self.mission).map(\.source) == [.saisie, .calcul])
        #expect(status { try central.servicesFaits.delete(entry: 999) }?.1 == "entry: 999 not found")
        try central.servicesFaits.delete(entry: try #require(entry.entry))
        #expect(try central.servicesFaits.list(mission: Self.mission).map(\.source) == [.calcul])
        let actions = try central.audit.entries().map(\.action)
        #expect(actions.contains("service-add") && actions.contains("service-delete"))
    }

    @Test func d18BadHandEntriesAreRefusedNamingTheField() throws {
        let letters = try fixture.convoke(Self.mission, ["P00001"])
        #expect(status { try central.servicesFaits.add(convocation: letters[0].id, quantity: 2, unit: "heures", note: "") }?.1
            == "unit: \"heures\" is not one of jours, candidats, copies")
        #expect(status { try central.servicesFaits.add(convocation: letters[0].id, quantity: 0, unit: "jours", note: "") }?.1
            == "quantity: 0 is not between 1 and 10000")
        #expect(status { try central.servicesFaits.add(convocation: 77, quantity: 1, unit: "jours", note: "") }?.1
            == "convocation: 77 not found")
        #expect(status { try central.servicesFaits.add(convocation: letters[0].id, quantity: 1, unit: "jours", note: "\u{7}") }?.0 == 400)
        #expect(try central.servicesFaits.add(convocation: letters[0].id, quantity: 1, unit: "JOUR", note: "").days == 1)
    }

    @Test func d18TheCSVHasItsHeaderOneLinePerServiceAndEscapedValues() throws {
        try central.staff.add(StaffMember(id: "P09999", lastName: "D'Arc; \"la Pucelle\"", firstName: "Jeanne", school: Self.centre,
                                          discipline: "Physique-chimie", email: "jeanne.darc@ac-lyon.fr"), by: .manager)
        let letters = try fixture.convoke(Self.mission, ["P09999", "P00001"])
        try central.servicesFaits.add(convocation: letters[0].id, quantity: 2, unit: "jours", note: "=cmd|' /C calc'!A0")
        let lines = ServicesCSV.lines(try central.servicesFaits.list())
        #expect(lines == [
            "mission;type;epreuve;centre;staff;name;qualite;days;candidates;copies;source",
            "PRECE-T011B-0690001A;PRECE;T011B;0690001A;P00001;Camille MARTIN;correcteur;1;0;;calcul",
            "PRECE-T011B-0690001A;PRECE;T011B;0690001A;P09999;\"Jeanne D'Arc; \"\"la Pucelle\"\"\";correcteur;1;0;;calcul",
            "PRECE-T011B-0690001A;PRECE;T011B;0690001A;P09999;\"Jeanne D'Arc; \"\"la Pucelle\"\"\";correcteur;2;;;saisie",
        ])
        #expect(CSVWriter.line(["=1+1", "a\nb"]) == "'=1+1;\"a\nb\"")
        #expect(ServicesCSV.text([]) == ServicesCSV.header.joined(separator: ";") + "\n")
    }
}
