import CCrypto
import Foundation

/// SHA-256 and secure random tokens from OpenSSL's libcrypto.
public enum Digest {
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            _ = SHA256(input.baseAddress, input.count, &out)
        }
        return out
    }

    public static func sha256Hex(_ text: String) -> String {
        hex(sha256(Array(text.utf8)))
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a hex string; nil when it is not whole pairs of hex digits.
    public static func bytes(hex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }

    /// PBKDF2-HMAC-SHA256 of `secret`, as hex: slow on purpose, so a stolen verifier resists guessing.
    public static func pbkdf2(secret: String, salt: [UInt8], iterations: Int) -> String {
        hex(pbkdf2Bytes(secret: secret, salt: salt, iterations: iterations))
    }

    /// PBKDF2-HMAC-SHA256 of `secret`, 32 bytes; empty if libcrypto refuses.
    public static func pbkdf2Bytes(secret: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let password = Array(secret.utf8)
        let done = password.withUnsafeBufferPointer { pw in
            salt.withUnsafeBufferPointer { s in
                PKCS5_PBKDF2_HMAC(pw.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(pw.count), s.baseAddress, Int32(s.count), Int32(iterations), EVP_sha256(),
                                  Int32(out.count), &out)
            }
        }
        return done == 1 ? out : []
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`, 32 bytes; empty if libcrypto refuses.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let done = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &out, &length)
            }
        }
        return done != nil && length == 32 ? out : []
    }

    /// Compares two strings in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return CRYPTO_memcmp(x, y, x.count) == 0
    }

    public static func randomBytes(_ count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&buffer, Int32(count)) == 1 else { throw SupportError("no randomness available from libcrypto") }
        return buffer
    }
}
