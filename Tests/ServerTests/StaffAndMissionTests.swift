@testable import ArdoiseServer
import Foundation
import Testing

/// Issue 9 items 2 and 3 through the real store: staff search (D4) and missions generated from registrations (D1, D2).
@Suite struct StaffAndMissionTests {
    let central: Central

    init() throws {
        central = Central(store: try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-staff-" + UUID().uuidString))
        try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        let staff = StaffDirectory.read(path: RegistrationFolderCopy.examples + "/personnels.csv")
        #expect(staff.problems.isEmpty)
        #expect(try central.staff.importMembers(staff.members) == 49)
    }

    @Test func d4ByDisciplineWithinTheSchoolEveryoneFoundIsSelected() throws {
        let found = try central.staff.search(discipline: "physiques", school: "0690001A")
        #expect(found.count == 3 && found.allSatisfy(\.selected))
        #expect(found.allSatisfy { $0.member.school == "0690001A" && $0.member.discipline == "SCIENCES PHYSIQUES ET CHIMIQUES" })
        #expect(try central.staff.search(discipline: "Philosophie", school: "0690001A").count == 4)
    }

    @Test func d4ByNameAcrossTheAcademieCaseAndAccentsAsideNoneSelected() throws {
        let found = try central.staff.search(name: "eloise le breton")
        #expect(found.map(\.member.id) == ["P00049"] && found.allSatisfy { !$0.selected })
        #expect(try central.staff.search(name: "ÉLOÏSE Le-Breton").map(\.member.id) == ["P00049"])
        let lefevre = try central.staff.search(name: "lefevre")
        #expect(!lefevre.isEmpty && Set(lefevre.map(\.member.school)).count >= 1 && lefevre.allSatisfy { $0.member.lastName == "LEFÈVRE" })
    }

    @Test func d4SomeoneUnknownIsCreatedOnlyByTheManager() throws {
        let member = StaffMember(id: "P90000", lastName: "NOUVEAU", firstName: "Zoé", school: "0690002B", discipline: "PHILOSOPHIE",
                                 email: "zoe.nouveau@ac-lyon.fr")
        #expect { try central.staff.add(member, by: .school("0690002B")) } throws: { ($0 as? ServerError)?.status == 403 }
        #expect(try central.staff.member("P90000") == nil)
        try central.staff.add(member, by: .manager)
        #expect(try central.staff.search(name: "zoe nouveau").map(\.member) == [member])
        #expect { try central.staff.add(member, by: .manager) } throws: { ($0 as? ServerError)?.status == 409 }
    }

    @Test func d1MissionsOnTheExamplesAndIdempotentRegeneration() throws {
        let first = try central.missions.generate()
        #expect(first.total == 15 && first.added.count == 15)
        let byType = Dictionary(grouping: try central.missions.list(), by: \.mission.type).mapValues(\.count)
        #expect(byType == [.coec: 3, .sscan: 1, .inec: 3, .prece: 6, .academieECE: 2])
        #expect(first.added.contains("PRECE-T011B-0690001A") && first.added.contains("COEC-T009A-LITT-0691500S")
                && first.added.contains("COEC-T009A-PHILO-0691500S") && first.added.contains("SSCAN-0691500S"))
        let again = try central.missions.generate()
        #expect(again == .init(added: [], total: 15))
        // D2: the oral's missions know their assignment is not finished.
        #expect(try central.missions.list(type: .inec).allSatisfy { $0.assignmentFinished == false })
    }

    @Test func d1RegenerationAfterNewRegistrationsAddsWhatIsMissingAndKeepsEveryMission() throws {
        try central.missions.generate()
        let before = try central.missions.list()
        let copy = try RegistrationFolderCopy()
        // The SVT candidates of Lycée Ampère now sit at Lycée Jean Moulin's neighbour... a new exam centre.
        try copy.append("centres.csv", "0690004D;Lycée Branly;centre_examen")
        let assignments = try copy.read("affectations.csv")
        try copy.write("affectations.csv", assignments.replacingOccurrences(of: ";T012B;0690001A;", with: ";T012B;0690004D;"))
        try central.registrations.load(try RegistrationImport.read(folder: copy.path))
        let after = try central.missions.generate()
        #expect(after.added == ["PRECE-T012B-0690004D"] && after.total == 16)
        let kept = try central.missions.list()
        #expect(before.allSatisfy { old in kept.contains { $0.mission == old.mission && $0.createdAt == old.createdAt } })
    }

    @Test func d1MissionPlannerIsPure() throws {
        let epreuves = [RegistrationEpreuve(code: "O1", label: "Oral", kind: .oral, speciality: "BCG", parts: [], assignmentFinished: false)]
        let centres = [RegistrationCentre(code: "A", name: "A", kind: .examCentre)]
        let plan = try MissionPlanner.plan(epreuves: epreuves, centres: centres, sittings: [
            .init(epreuve: "O1", examCentre: "A", scanCentre: nil), .init(epreuve: "O1", examCentre: nil, scanCentre: nil)])
        #expect(plan.map(\.id) == ["INEC-O1-A"])
    }
}
