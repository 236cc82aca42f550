import ArdoiseProtocol
@testable import ArdoiseServer
import Foundation
import Testing

/// Issue 9 item 1: registrations imported from the registration system's CSV export, through the real store.
@Suite struct RegistrationImportTests {
    let folder = NSTemporaryDirectory() + "ardoise-registrations-store-" + UUID().uuidString

    func central() throws -> Central { Central(store: try CentralStore.open(folder: folder)) }

    /// Every problem of a folder, as the command line prints them.
    func problems(_ copy: RegistrationFolderCopy) -> [String] {
        var reader = RegistrationReader()
        _ = reader.read(folder: copy.path)
        return reader.problems.map { $0.replacingOccurrences(of: copy.path + "/", with: "") }
    }

    @Test func theExamplesImportWithTheirCountsAndTheAssignmentFinishedFlagD2() throws {
        let central = try central()
        let summary = try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        #expect(summary == .init(centres: 6, epreuves: 5, candidates: 360, registrations: 1268, assigned: 1148, added: 360,
                                 removed: 0, reassigned: 0))
        #expect(try central.registered.counts() == .init(centres: 6, epreuves: 5, parts: 2, candidates: 360,
                                                         registrations: 1268, assigned: 1148, fraud: 4))
        // D2 needs to know whether the assignment is finished: stored per épreuve and readable.
        #expect(try central.registered.assignmentFinished(epreuve: "T090O") == false)
        #expect(try central.registered.assignmentFinished(epreuve: "T011B") == true)
        #expect(try central.registered.assignmentFinished(epreuve: "NOPE") == nil)
        let hlp = try central.registered.epreuves().first { $0.code == "T009A" }
        #expect(hlp?.parts.map(\.code) == ["LITT", "PHILO"] && hlp?.parts.map(\.discipline) == ["Lettres modernes", "Philosophie"])
        // Candidates of a school that is not an exam centre sit elsewhere; written copies go to the scan centre.
        #expect(try central.registered.examCentre(candidate: "0231046271", epreuve: "T001A") == "0690002B")
    }

    @Test func reImportUpdatesAndNeverDuplicates() throws {
        let central = try central()
        let copy = try RegistrationFolderCopy()
        try central.registrations.load(try RegistrationImport.read(folder: copy.path))
        try copy.replace("candidats.csv", "0231046001;0690001A;TG1", "0231046001;0690001A;TG4")
        try copy.replace("etat_affectations.csv", "T090O;non", "T090O;oui")
        // The oral's assignment is finished: every candidate still unassigned gets the first exam centre.
        let assignments = try copy.read("affectations.csv")
        let unassigned = try copy.read("candidats.csv").split(separator: "\r\n").map { String($0.prefix(10)) }
            .filter { $0.hasPrefix("02") && !assignments.contains("\($0);T090O") }
        #expect(unassigned.count == 120)
        try copy.write("affectations.csv", assignments + unassigned.map { "\($0);T090O;0690001A;\r\n" }.joined())
        let again = try central.registrations.load(try RegistrationImport.read(folder: copy.path))
        #expect(again.added == 0 && again.removed == 0 && again.candidates == 360 && again.assigned == 1268)
        #expect(try central.registered.counts().registrations == 1268)
        #expect(try central.registered.assignmentFinished(epreuve: "T090O") == true)
    }

    @Test(arguments: [
        ("centres.csv", "code;nom;type", "code;nom;type;ville", "centres.csv:1:4: unknown column \"ville\" (expected code;nom;type)"),
        ("epreuves.csv", "code_epreuve;libelle;type;specialite", "code_epreuve;libelle;type",
         "epreuves.csv:1:4: missing column \"specialite\""),
        ("centres.csv", "Lyon;academie", "Lyon;academy", "centres.csv:7:3: type: unknown kind \"academy\""),
        ("epreuves.csv", "T090O;Grand oral;oral", "T090O;Grand oral;orale", "epreuves.csv:6:3: type: unknown kind \"orale\""),
        ("candidats.csv", "0231046002;", "0231046001;", "candidats.csv:3:1: numero_candidat: duplicate 0231046001 (first on line 2)"),
        ("candidats.csv", "0231046001;0690001A;TG1;T001A|T009A", "0231046001;0690001A;TG1;T001A|T099Z",
         "candidats.csv:2:4: epreuves: unknown épreuve \"T099Z\""),
        ("centres.csv", "0692000R;Rectorat", "0692000R;\"Rectorat", "centres.csv:7:2: a quote opened here is not closed"),
    ])
    func eachBadInputIsOneLineWithFileLineAndColumnAndWritesNothing(file: String, old: String, new: String, expected: String) throws {
        let central = try central()
        let copy = try RegistrationFolderCopy()
        try copy.replace(file, old, new)
        let found = problems(copy)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found.prefix(3))")
        #expect(throws: ServerError.self) { try central.registrations.load(try RegistrationImport.read(folder: copy.path)) }
        #expect(try central.registered.counts() == .init(centres: 0, epreuves: 0, parts: 0, candidates: 0, registrations: 0,
                                                         assigned: 0, fraud: 0))
    }

    @Test func aFinishedAssignmentWithAnUnassignedCandidateIsRefused() throws {
        let copy = try RegistrationFolderCopy()
        try copy.replace("affectations.csv", "0231046001;T001A;0690001A;0691500S\r\n", "")
        #expect(problems(copy) == ["etat_affectations.csv:2:2: affectation_terminee: said finished, but 1 registered candidate "
                                   + "has no assignment (0231046001)"])
    }
}
