import ArdoiseProtocol
import ArdoiseServer
import Foundation
import TestSupport

/// The real central server on 127.0.0.1 (port 0) with its own store, loaded with the session that
/// matches `NodeFixture.reference`. Stops itself when released.
final class LoopbackCentral {
    let folder: String
    let store: CentralStore
    let server: CentralServer
    var url: String { server.url }

    static func session(extraLots: [Lot] = []) -> SessionFile {
        let reference = NodeFixture.reference
        return SessionFile(
            session: reference.session, academie: "Test",
            centres: [reference.centre, Centre(code: "C2", name: "Lycée Autre")],
            epreuves: reference.epreuves, examiners: reference.examiners,
            coordinators: [Coordinator(id: "coord", name: "Coordinatrice")],
            groups: reference.groups, candidates: reference.candidates, lots: reference.lots + extraLots)
    }

    init() throws {
        folder = NSTemporaryDirectory() + "ardoise-central-test-" + UUID().uuidString
        store = try CentralStore.open(folder: folder)
        try Central(store: store).sessions.load(Self.session())
        // Each examiner's secret is `TestSecrets.secret(for:)`: the nodes sign with it, the server checks.
        for examiner in NodeFixture.reference.examiners.map(\.id) {
            _ = try Central(store: store, random: TestSecrets.random(for: examiner), credentialRounds: TestSecrets.rounds).credentials.issue(examiner: examiner)
        }
        server = try CentralServer(central: Central(store: store), host: "127.0.0.1", port: 0, log: { _ in })
        server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    var central: Central { server.central }

    func code(centre: String = "C1") throws -> String {
        try server.central.enrolment.issueCode(centre: centre).code
    }
}
