@testable import ArdoiseServer
import Foundation
import Testing

/// Issue 9 item 4 through the real store, on the example registrations: convocations (D2, D3).
@Suite struct ConvocationTests {
    let central: Central
    let day = try? ConvocationDate(parsing: "2026-06-17T08:00-12:00")

    init() throws {
        central = Central(store: try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-convocations-" + UUID().uuidString))
        try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        try central.staff.importMembers(StaffDirectory.read(path: RegistrationFolderCopy.examples + "/personnels.csv").members)
        try central.missions.generate()
        for school in ["0690001A", "0691500S", "0692000R"] {
            try central.convocations.setSignature(school: school, Signature(name: "Anne Dupont", title: "Proviseure"))
        }
    }

    func dates(_ texts: String...) throws -> [ConvocationDate] { try texts.map { try ConvocationDate(parsing: $0) } }

    func status(_ body: () throws -> Void) -> (Int, String)? {
        do { try body() } catch let error as ServerError { return (error.status, error.message) } catch { return nil }
        return nil
    }

    @Test func d3QualitesAllowedAndRefusedPerMissionType() throws {
        let june = try dates("2026-06-17T08:00-12:00")
        let coec = "COEC-T001A-0691500S", prece = "PRECE-T011B-0690001A", academie = "ACECE-T011B-0692000R"
        #expect(try central.convocations.convoke(.init(mission: coec, staff: ["P00007"], qualite: "référent correction", dates: june))
            .map(\.qualite) == [.referentCorrection])
        let refused = status { try central.convocations.convoke(.init(mission: coec, staff: ["P00008"], qualite: "coordinateur", dates: june)) }
        #expect(refused?.0 == 400 && refused?.1.hasPrefix("qualite: \"coordinateur\" is not a qualité of a COEC mission") == true)
        #expect(try central.convocations.convoke(.init(mission: prece, staff: ["P00001"], qualite: "Coordinateur Adjoint", dates: june))
            .map(\.qualite) == [.coordinateurAdjoint])
        #expect(status { try central.convocations.convoke(.init(mission: prece, staff: ["P00002"], qualite: "référent correction",
                                                                 dates: june)) }?.0 == 400)
        #expect(status { try central.convocations.convoke(.init(mission: academie, staff: ["P00003"], qualite: "correcteur",
                                                                 dates: june)) }?.0 == 400)
        #expect(Qualite.allowed(for: .inec) == Qualite.allowed(for: .coec))
    }

    @Test func d3DefaultQualiteIsCorrecteurAndScanningTakesNone() throws {
        let june = try dates("2026-06-17T08:00-12:00")
        #expect(try central.convocations.convoke(.init(mission: "COEC-T001A-0691500S", staff: ["P00007"], dates: june)).first?.qualite
            == .correcteur)
        let scan = try central.convocations.convoke(.init(mission: "SSCAN-0691500S", staff: ["P00010"], dates: june))
        #expect(scan.count == 1 && scan[0].qualite == nil)
        let refused = status { try central.convocations.convoke(.init(mission: "SSCAN-0691500S", staff: ["P00011"], qualite: "correcteur",
                                                                      dates: june)) }
        #expect(refused?.1 == "qualite: a SSCAN mission takes no qualité (D3)")
    }

    @Test func d3DatesAreRequiredAndWellFormed() throws {
        let none = status { try central.convocations.convoke(.init(mission: "PRECE-T011B-0690001A", staff: ["P00001"])) }
        #expect(none?.0 == 400 && none?.1.hasPrefix("date: at least one date is needed") == true)
        for bad in ["2026-06-17T12:00-08:00", "2026-06-17T08:00-08:00", "2026-02-30T08:00-12:00", "2026-06-17T25:00-26:00",
                    "2026-06-17", "17/06/2026T08:00-12:00", "2026-06-17T8:00-12:00"] {
            #expect(throws: ServerError.self, "\(bad)") { try ConvocationDate(parsing: bad) }
        }
        #expect(throws: ServerError.self) { try ConvocationDate.checked(try dates("2026-06-17T08:00-12:00", "2026-06-17T11:00-13:00")) }
        let ordered = try ConvocationDate.checked(try dates("2026-06-18T14:00-18:00", "2026-06-17T08:00-12:00", "2026-06-17T13:00-17:00"))
        #expect(ordered.map(\.description) == ["2026-06-17T08:00-12:00", "2026-06-17T13:00-17:00", "2026-06-18T14:00-18:00"])
        #expect(try ConvocationDate(parsing: "2028-02-29T08:00-12:00").day == "2028-02-29")
    }

    @Test func d2InecRefusedWhileAssignmentIsNotFinishedThenAcceptedOnceItIs() throws {
        let june = try dates("2026-06-17T08:00-12:00")
        let request = ConvocationRequest(mission: "INEC-T090O-0690001A", staff: ["P00007"], dates: june)
        let refused = status { try central.convocations.convoke(request) }
        #expect(refused?.0 == 409)
        #expect(refused?.1 == "L'affectation n'est pas terminée dans cyclades. La convocation des intervenants n'est pas possible.")
        #expect(try central.convocations.list(mission: request.mission).isEmpty)
        // The registration system finishes the oral's assignment: every candidate gets an exam centre.
        let copy = try RegistrationFolderCopy()
        try copy.write("affectations.csv", try copy.read("affectations.csv") + (try unassignedOrals(copy)))
        try copy.replace("etat_affectations.csv", "T090O;non", "T090O;oui")
        try central.registrations.load(try RegistrationImport.read(folder: copy.path))
        #expect(try central.convocations.convoke(request).map(\.person.id) == ["P00007"])
    }

    /// Assignment lines for the oral's registered candidates that have none, at Lycée Ampère.
    private func unassignedOrals(_ copy: RegistrationFolderCopy) throws -> String {
        let assigned = Set(try copy.read("affectations.csv").split(whereSeparator: \.isNewline)
            .filter { $0.contains(";T090O;") }.map { String($0.prefix(while: { $0 != ";" })) })
        return try copy.read("candidats.csv").split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ";").map(String.init) }
            .filter { $0.count > 3 && $0[3].contains("T090O") && !assigned.contains($0[0]) }
            .map { "\($0[0]);T090O;0690001A;\r\n" }.joined()
    }

    @Test func d3SignatureRequiredThenSetOncePerSchool() throws {
        let june = try dates("2026-06-17T08:00-12:00")
        let request = ConvocationRequest(mission: "PRECE-T011B-0690002B", staff: ["P00013"], dates: june)
        let refused = status { try central.convocations.convoke(request) }
        #expect(refused?.0 == 409 && refused?.1.contains("school 0690002B Lycée du Parc has no head's signature") == true)
        #expect(status { try central.convocations.setSignature(school: "9999999Z", Signature(name: "X", title: "Y")) }?.0 == 404)
        #expect(status { try central.convocations.setSignature(school: "0690002B", Signature(name: " ", title: "Y")) }?.1 == "name: empty")
        try central.convocations.setSignature(school: "0690002B", Signature(name: "Marc Petit", title: "Proviseur"))
        try central.convocations.setSignature(school: "0690002B", Signature(name: "Marc Petit", title: "Proviseur du lycée"))
        let letter = try #require(try central.convocations.convoke(request).first)
        #expect(letter.signatory == Signature(name: "Marc Petit", title: "Proviseur du lycée"))
        #expect(try central.audit.entries().filter { $0.action == "signature-set" }.count == 5)
    }

    @Test func d3DefaultsSavedOnTheMissionAndReused() throws {
        let mission = "COEC-T001A-0691500S"
        let june = try dates("2026-06-17T08:00-12:00", "2026-06-18T08:00-12:00")
        try central.convocations.convoke(.init(mission: mission, staff: ["P00007"], dates: june, observation: "Salle 12\nApporter un stylo",
                                               saveDefaults: true))
        #expect(try central.convocations.defaults(mission: mission) == MissionDefaults(dates: june, observation: "Salle 12\nApporter un stylo"))
        let reused = try #require(try central.convocations.convoke(.init(mission: mission, staff: ["P00008"])).first)
        #expect(reused.dates == june && reused.observation == "Salle 12\nApporter un stylo")
        let own = try #require(try central.convocations.convoke(.init(mission: mission, staff: ["P00009"],
                                                                      dates: try dates("2026-06-19T14:00-16:00"))).first)
        #expect(own.dates.map(\.day) == ["2026-06-19"] && own.observation == "Salle 12\nApporter un stylo")
        #expect(try central.convocations.defaults(mission: mission)?.dates == june)
        #expect(status { try central.convocations.convoke(.init(mission: mission, staff: ["P00019"], dates: june,
                                                                 observation: "bell\u{7}")) }?.1.hasPrefix("observation:") == true)
    }

    @Test func d3EditAndDelete() throws {
        let mission = "PRECE-T011B-0690001A"
        let letter = try #require(try central.convocations.convoke(.init(mission: mission, staff: ["P00001"],
                                                                         dates: try dates("2026-06-17T08:00-12:00"))).first)
        let edited = try central.convocations.edit(letter.id, .init(qualite: "coordinateur",
                                                                    dates: try dates("2026-06-18T13:00-17:00"), observation: "Labo 3"))
        #expect(edited.qualite == .coordinateur && edited.dates.map(\.description) == ["2026-06-18T13:00-17:00"]
                && edited.observation == "Labo 3" && edited.updatedAt != nil)
        #expect(status { try central.convocations.edit(letter.id, .init(qualite: "référent correction")) }?.0 == 400)
        #expect(status { try central.convocations.edit(letter.id, .init()) }?.0 == 400)
        try central.convocations.delete(letter.id)
        #expect(try central.convocations.list(mission: mission).isEmpty)
        #expect(status { try central.convocations.delete(letter.id) }?.1 == "convocation: \(letter.id) not found")
        let actions = try central.audit.entries().map(\.action)
        #expect(actions.contains("convoke") && actions.contains("convocation-edit") && actions.contains("convocation-delete"))
        // Deleted, the person can be convoked again.
        #expect(try central.convocations.convoke(.init(mission: mission, staff: ["P00001"], dates: edited.dates)).count == 1)
    }

    @Test func d3TwiceOnOneMissionRefusedAndSeveralStaffInOneConvocation() throws {
        let mission = "PRECE-T011B-0690001A", june = try dates("2026-06-17T08:00-12:00")
        let letters = try central.convocations.convoke(.init(mission: mission, staff: ["P00001", "P00002", "P00003"], dates: june))
        #expect(letters.map(\.person.id) == ["P00001", "P00002", "P00003"] && Set(letters.map(\.id)).count == 3)
        let twice = status { try central.convocations.convoke(.init(mission: mission, staff: ["P00025", "P00002"], dates: june)) }
        #expect(twice?.0 == 409 && twice?.1.hasPrefix("staff: P00002 is convoked on \(mission) already") == true)
        #expect(try central.convocations.list(staff: "P00025").isEmpty)
        #expect(status { try central.convocations.convoke(.init(mission: mission, staff: ["P00026", "P00026"], dates: june)) }?.0 == 400)
        #expect(status { try central.convocations.convoke(.init(mission: mission, staff: ["P99998", "P99999"], dates: june)) }?.1
            == "staff: P99998, P99999 not found")
        #expect(status { try central.convocations.convoke(.init(mission: "PRECE-NOPE", staff: ["P00001"], dates: june)) }?.1
            == "mission: PRECE-NOPE not found")
    }

    @Test func d3AnExaminerFromAnotherSchoolOnAPreceMissionAndTheLetterHasEverything() throws {
        let letter = try #require(try central.convocations.convoke(.init(
            mission: "PRECE-T011B-0690001A", staff: ["P00037"], dates: try dates("2026-06-17T08:00-12:00"),
            observation: "Laboratoire B")).first)
        #expect(letter.academie == "Académie de Lyon" && letter.session == "BGT 2026")
        #expect(letter.person.fullName == "François ROUX" && letter.person.school == .init(code: "0690010K", name: "Lycée Jean Moulin"))
        #expect(letter.mission.type == .prece && letter.mission.typeLabel == MissionType.prece.label
                && letter.mission.epreuveLabel == "Physique-chimie pratique")
        #expect(letter.qualite == .correcteur && letter.place == .init(code: "0690001A", name: "Lycée Ampère"))
        #expect(letter.observation == "Laboratoire B" && letter.signatory.name == "Anne Dupont" && letter.author == "manager")
        #expect(try central.convocations.letter(letter.id) == letter)
    }
}
