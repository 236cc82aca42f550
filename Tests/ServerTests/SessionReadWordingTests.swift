import ArdoiseProtocol
import ArdoiseServer
import Foundation
import Testing

/// Issue 7 item 6: a session file's problems are counted in words that agree with the number.
@Suite struct SessionReadWordingTests {
    func refusal(breaking subjects: [Int]) throws -> String {
        var session = Fixture.session()
        for index in subjects { session.epreuves[0].subjects[index].bareme.competencies[2].points["A"] = 9 }
        let path = NSTemporaryDirectory() + "session-\(UUID().uuidString).json"
        try String(decoding: try JSONCoding.encode(session), as: UTF8.self).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ServerError.self) { try SessionLoader.read(path: path) }
        return error?.message ?? ""
    }

    @Test func oneMoreProblemIsSingular() throws {
        let message = try refusal(breaking: [0, 1])
        #expect(message.contains("(S1).bareme: A levels add up to 19, not 20"), "\(message)")
        #expect(message.hasSuffix(" (and 1 more problem)"), "\(message)")
        #expect(!(try refusal(breaking: [0])).contains("more problem"))
    }
}
