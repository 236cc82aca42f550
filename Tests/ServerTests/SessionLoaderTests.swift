import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Testing

/// Loading a session file: all checked before anything is written, errors name the file and path.
@Suite struct SessionLoaderTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "session-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theShippedExampleLoads() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/session-bgt2026.json").path
        let session = try SessionLoader.read(path: example)
        let store = try CentralStore.open(folder: NSTemporaryDirectory() + "ardoise-load-" + UUID().uuidString)
        let central = Central(store: store)
        let summary = try central.sessions.load(session)
        #expect(summary.lots == session.lots.count && summary.candidates == session.candidates.count)
        // Loading it again is idempotent.
        try central.sessions.load(session)
        #expect(try central.progress.summaries().count == session.lots.count)
    }

    @Test func malformedJSONNamesTheFileAndThePath() throws {
        let path = try write(#"{"format":"ardoise-session/1","session":"S","academie":"A","centres":[{"code":"C1"}]}"#)
        let error = #expect(throws: ServerError.self) { try SessionLoader.read(path: path) }
        #expect(error?.message.hasPrefix(path) == true)
        #expect(error?.message.contains("centres[0].name: missing") == true)
    }

    @Test func aBaremeNotOnTwentyIsRefusedWithItsPath() throws {
        var session = Fixture.session()
        session.epreuves[0].subjects[1].bareme.competencies[0].points["A"] = 3
        let path = try write(String(decoding: try JSONCoding.encode(session), as: UTF8.self))
        let error = #expect(throws: ServerError.self) { try SessionLoader.read(path: path) }
        #expect(error?.message.contains("epreuves[0] (T011B).subjects[1] (S2).bareme: A levels add up to 19, not 20") == true)
    }

    @Test func aSecondProcessNeverOpensAHeldFolder() throws {
        let fixture = try Fixture()
        let error = #expect(throws: FolderInUse.self) { try CentralStore.open(folder: fixture.folder) }
        #expect(error?.description.contains("in use by process") == true)
    }
}
