import Foundation
import Testing
@testable import ArdoiseProtocol

/// Issue 12: the server reads push bodies directly; whatever it reads must be what JSONDecoder reads,
/// and whatever it does not understand goes to JSONDecoder, which decides and words the refusal.
@Suite struct PushBodyReaderTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/corpus/protocol").standardizedFileURL

    static func agree(_ body: [UInt8]) -> Bool {
        let direct = try? PushRequest.decoded(from: body)
        let reference = try? JSONCoding.decode(PushRequest.self, from: body)
        return direct?.operations == reference?.operations
    }

    @Test func everyFuzzSeedReadsAsJSONDecoderReadsIt() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count > 50)
        for name in names {
            let body = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            #expect(Self.agree(body), "\(name)")
        }
        // The bodies nodes send, escapes, null candidate, key order and blanks included, take the direct path.
        for name in ["push.json", "push-proof.json", "push-escapes.json", "push-unicode", "push-candidate-null"] {
            var reader = PushBodyReader(Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name))))
            #expect(reader.operations() != nil, "\(name)")
        }
    }

    @Test(arguments: SyncOperationJSONTests.awkward)
    func whatTheEncoderWritesIsReadDirectly(_ text: String) throws {
        let operation = SyncOperation(node: "C1-N1", seq: 7, hlc: HLC(wall: 1_763_770_000_000, logical: 3), author: "E1",
                                      kind: .grade, epreuve: "T011B", lot: "L1", candidate: text.isEmpty ? nil : "K1",
                                      base: ["level.S1.APP": 12, "x": -4], values: ["comment": text, "level.S1.APP": "A"],
                                      proof: String(repeating: "ab", count: 32))
        let body = try JSONCoding.encode(PushRequest(operations: [operation, operation]))
        var reader = PushBodyReader(body)
        #expect(reader.operations() == [operation, operation])
        #expect(Self.agree(body))
    }

    /// What the reader leaves to JSONDecoder, and JSONDecoder's answer stands.
    @Test func whatItDoesNotUnderstandGoesToJSONDecoder() throws {
        let valid = #"{"node":"N","seq":1,"hlc":"0000000000001000-00000","author":"E1","kind":"grade","epreuve":"T","lot":"L","base":{},"values":{}"#
        let bodies = [
            #"{"operations":[\#(valid),"extra":1}]}"#,           // unknown key
            #"{"operations":[\#(valid),"lot":"M"}]}"#,           // repeated key
            #"{"operations":[\#(valid)}],"more":true}"#,          // unknown top-level key
            #"{"operations":[\#(valid),"candidate":"\ud800"}]}"#, // lone surrogate
            #"{"operations":[\#(valid.replacingOccurrences(of: #""seq":1"#, with: #""seq":1.0"#))}]}"#,
            #"{"operations":[\#(valid.replacingOccurrences(of: #""seq":1"#, with: #""seq":01"#))}]}"#,
            #"{"operations":[\#(valid.replacingOccurrences(of: #""base":{}"#, with: #""base":{"a":1e2}"#))}]}"#,
            #"{"operations":[\#(valid)}]} x"#,                    // trailing bytes
            #"{"operations":[\#(valid)}]"#,                       // truncated
        ]
        for body in bodies {
            var reader = PushBodyReader(Array(body.utf8))
            #expect(reader.operations() == nil, "\(body)")
            #expect(Self.agree(Array(body.utf8)), "\(body)")
        }
        // Within the grammar but outside WireLimits: refused with JSONDecoder's words and path.
        let tooLong = #"{"operations":[\#(valid.replacingOccurrences(of: #""lot":"L""#, with: "\"lot\":\"\(String(repeating: "L", count: 65))\""))}]}"#
        let message: String
        do {
            _ = try PushRequest.decoded(from: Array(tooLong.utf8))
            message = "decoded"
        } catch {
            message = JSONCoding.describe(error)
        }
        #expect(message.contains("operations[0]") && message.contains("lot is longer than 64 bytes"), "\(message)")
    }
}
