import ArdoiseSupport
import Testing

/// The libcrypto wrappers against published vectors, and the hex helpers.
@Suite struct DigestTests {
    @Test func sha256MatchesFIPS180Vector() {
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func pbkdf2MatchesRFC7914Vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1 (first 32 bytes).
        #expect(Digest.pbkdf2(secret: "passwd", salt: Array("salt".utf8), iterations: 1)
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func hexRoundTripsAndRefusesWhatIsNotHex() throws {
        let bytes = try Digest.randomBytes(16)
        #expect(Digest.bytes(hex: Digest.hex(bytes)) == bytes)
        #expect(Digest.bytes(hex: "0g") == nil && Digest.bytes(hex: "abc") == nil)
        #expect(Digest.bytes(hex: "") == [])
    }

    @Test func codesUseOnlyTheUnambiguousAlphabet() throws {
        let code = try RandomSource.system.code()
        #expect(code.count == 14 && code.filter { $0 == "-" }.count == 2)
        #expect(code.allSatisfy { "ABCDEFGHJKLMNPQRSTUVWXYZ23456789-".contains($0) })
        #expect(try RandomSource.system.token().count == 64)
        #expect(Digest.constantTimeEqual("abc", "abc") && !Digest.constantTimeEqual("abc", "abd"))
        #expect(!Digest.constantTimeEqual("abc", "abcd"))
    }
}
