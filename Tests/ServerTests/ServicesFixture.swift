@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import TestSupport

/// The example registrations, staff and missions, and a session whose one ECE centre is Lycée Ampère and
/// whose examiners are staff of it, each with a secret as a lab PC signs with.
struct ServicesFixture {
    let central: Central

    init() throws {
        let store = try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-services-" + UUID().uuidString)
        central = Central(store: store)
        try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        try central.staff.importMembers(StaffDirectory.read(path: RegistrationFolderCopy.examples + "/personnels.csv").members)
        try central.missions.generate()
        for school in ["0690001A", "0691500S", "0692000R"] {
            try central.convocations.setSignature(school: school, Signature(name: "Anne Dupont", title: "Proviseure"))
        }
        var session = Fixture.session()
        session.session = "BGT 2026"
        session.academie = "Académie de Lyon"
        let centre = ServicesFaitsTests.centre, examiners = ["P00001", "P00002", "P00037"]
        session.centres = [Centre(code: centre, name: "Lycée Ampère")]
        session.examiners = examiners.map { Examiner(id: $0, name: $0, centre: centre) }
        session.groups = [ExaminerGroup(id: "G1", epreuve: "T011B", centre: centre, examiners: examiners)]
        session.candidates = ["K1", "K2", "K3"].map { Candidate(number: $0, centre: centre, epreuves: ["T011B"]) }
        session.lots = [Lot(id: "L1", epreuve: "T011B", centre: centre, group: "G1", candidates: ["K1", "K2", "K3"])]
        try central.sessions.load(session)
        for examiner in examiners {
            _ = try Central(store: store, random: TestSecrets.random(for: examiner), credentialRounds: TestSecrets.rounds)
                .credentials.issue(examiner: examiner)
        }
    }

    @discardableResult
    func convoke(_ mission: String, _ staff: [String], dates: [String] = ["2026-06-17T08:00-12:00"]) throws -> [ConvocationLetter] {
        try central.convocations.convoke(.init(mission: mission, staff: staff, dates: try dates.map { try ConvocationDate(parsing: $0) }))
    }

    func enrol() throws -> (node: NodeIdentity, token: String) {
        let code = try central.enrolment.issueCode(centre: ServicesFaitsTests.centre)
        let response = try central.enrolment.enrol(code: code.code, label: "PC")
        return (NodeIdentity(id: response.node, centre: response.centre), response.token)
    }
}
