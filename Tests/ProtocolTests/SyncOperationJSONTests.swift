import ArdoiseProtocol
import Testing

/// The direct JSON writer of an operation must decode to the very same operation.
@Suite struct SyncOperationJSONTests {
    static let awkward = ["", "plain", "quote \" and \\ backslash", "line\nbreak\ttab\rreturn", "\u{0}\u{1}\u{1f}\u{7f}",
                          "élève — 试 🎓", "/slash/", "{\"json\":[1]}"]

    @Test(arguments: awkward)
    func roundTripsThroughTheStandardDecoder(_ text: String) throws {
        let operation = SyncOperation(
            node: "N-\(text)", seq: 42, hlc: HLC(wall: 1_763_770_000_000, logical: 7), author: text, kind: .grade,
            epreuve: "T011B", lot: text, candidate: text.isEmpty ? nil : text, base: [text: 3, "level.APP": 9],
            values: [text: text, "subject": "S1"])
        let decoded = try JSONCoding.decode(SyncOperation.self, from: Array(operation.jsonText.utf8))
        #expect(decoded == operation)
    }

    @Test func matchesTheStandardEncoderForOrdinaryText() throws {
        let operation = SyncOperation(
            node: "C1-N1", seq: 1, hlc: HLC(wall: 5), author: "EX-DURAND", kind: .lock, epreuve: "T011B",
            lot: "L1", candidate: nil, base: ["status": 4], values: ["status": "locked"])
        #expect(operation.jsonText == String(decoding: try JSONCoding.encode(operation), as: UTF8.self))
    }
}
