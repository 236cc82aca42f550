@testable import ArdoiseServer
import ArdoiseProtocol
import Foundation
import TestSupport

/// Issue 9 item 7's académie: the example registrations, staff and missions; two exam centres (A, B)
/// and two ECE épreuves (T011B physics, T012B SVT) run from them; one person per row of the access matrix.
struct AccessFixture {
    static let a = "0690001A", b = "0690002B", academie = "0692000R"
    /// Who is who (README "Who may do what").
    static let coordinatorPC = "P00003", coordinatorSVT = "P00005", referentPCatA = "P00006"
    static let centreA = "P00009", centreB = "P00016", examinerPCatA = "P00001", visitor = "P00037"
    static let unconvoked = "P00002", examinerPCatB = "P00013", examinerSVTatA = "P00004", staffOnly = "P00010"
    static let examiners = [examinerPCatA, unconvoked, visitor, examinerPCatB, examinerSVTatA]

    let folder: String
    let store: CentralStore
    let central: Central

    init() throws {
        folder = NSTemporaryDirectory() + "ardoise-access-" + UUID().uuidString
        store = try CentralStore.open(folder: folder)
        central = Central(store: store, credentialRounds: TestSecrets.rounds)
        try central.registrations.load(try RegistrationImport.read(folder: RegistrationFolderCopy.examples))
        try central.staff.importMembers(StaffDirectory.read(path: RegistrationFolderCopy.examples + "/personnels.csv").members)
        try central.missions.generate()
        for school in [Self.a, Self.b, Self.academie] {
            try central.convocations.setSignature(school: school, Signature(name: "Anne Dupont", title: "Proviseure"))
        }
        try central.sessions.load(Self.session())
        for examiner in Self.examiners {
            _ = try Central(store: store, random: TestSecrets.random(for: examiner), credentialRounds: TestSecrets.rounds)
                .credentials.issue(examiner: examiner)
        }
        try convoke("PRECE-T011B-\(Self.a)", [Self.examinerPCatA, Self.visitor])
        try convoke("PRECE-T011B-\(Self.a)", [Self.referentPCatA], qualite: "coordinateur")
        try convoke("PRECE-T011B-\(Self.b)", [Self.examinerPCatB])
        try convoke("PRECE-T012B-\(Self.a)", [Self.examinerSVTatA])
        try convoke("ACECE-T011B-\(Self.academie)", [Self.coordinatorPC])
        try convoke("ACECE-T012B-\(Self.academie)", [Self.coordinatorSVT])
        // Both ECE grids validated (D10), as a coordinator would before distribution.
        for epreuve in ["T011B", "T012B"] {
            for subject in ["S1", "S2"] { try central.baremes.validate(epreuve: epreuve, subject: subject, by: .manager) }
        }
        try central.centreStaff.name(Self.centreA, centre: Self.a)
        try central.centreStaff.name(Self.centreB, centre: Self.b)
    }

    /// The visitor from Lycée Jean Moulin is listed at centre B by the file: only the convocation brings
    /// them to A. The unconvoked examiner is in A's physics group, as a file written before the convocations.
    static func session() -> SessionFile {
        var session = Fixture.session()
        session.session = "BGT 2026"
        session.academie = "Académie de Lyon"
        var svt = session.epreuves[0]
        svt.code = "T012B"
        svt.label = "SVT pratique"
        session.epreuves.append(svt)
        session.centres = [Centre(code: a, name: "Lycée Ampère"), Centre(code: b, name: "Lycée du Parc")]
        session.examiners = [Examiner(id: examinerPCatA, name: "Camille MARTIN", centre: a),
                             Examiner(id: unconvoked, name: "François THOMAS", centre: a),
                             Examiner(id: visitor, name: "François ROUX", centre: b),
                             Examiner(id: examinerPCatB, name: "Loïc MICHEL", centre: b),
                             Examiner(id: examinerSVTatA, name: "Camille SIMON", centre: a)]
        session.coordinators = []
        session.groups = [ExaminerGroup(id: "GA-PC", epreuve: "T011B", centre: a, examiners: [examinerPCatA, unconvoked, visitor]),
                          ExaminerGroup(id: "GB-PC", epreuve: "T011B", centre: b, examiners: [examinerPCatB]),
                          ExaminerGroup(id: "GA-SVT", epreuve: "T012B", centre: a, examiners: [examinerSVTatA])]
        session.candidates = [Candidate(number: "KA1", centre: a, epreuves: ["T011B", "T012B"]),
                              Candidate(number: "KA2", centre: a, epreuves: ["T011B"]),
                              Candidate(number: "KB1", centre: b, epreuves: ["T011B"])]
        session.lots = [Lot(id: "LA-PC", epreuve: "T011B", centre: a, group: "GA-PC", candidates: ["KA1", "KA2"]),
                        Lot(id: "LB-PC", epreuve: "T011B", centre: b, group: "GB-PC", candidates: ["KB1"]),
                        Lot(id: "LA-SVT", epreuve: "T012B", centre: a, group: "GA-SVT", candidates: ["KA1"])]
        return session
    }

    func convoke(_ mission: String, _ staff: [String], qualite: String? = nil) throws {
        try central.convocations.convoke(.init(mission: mission, staff: staff, qualite: qualite,
                                               dates: [try ConvocationDate(parsing: "2026-06-17T08:00-12:00")]))
    }

    func enrol(centre: String) throws -> NodeIdentity {
        let code = try central.enrolment.issueCode(centre: centre)
        let response = try central.enrolment.enrol(code: code.code, label: "PC")
        return NodeIdentity(id: response.node, centre: response.centre)
    }

    /// A session token of `person`, signed in with a secret the manager issued.
    func signIn(_ person: String) throws -> String {
        try central.personSessions.signIn(person: person, secret: try central.personSecrets.issue(person: person)).token
    }
}
