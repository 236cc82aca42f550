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

    /// `count` random bytes from the OS-seeded CSPRNG, as hex.
    public static func randomToken(bytes count: Int = 32) throws -> String {
        var buffer = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&buffer, Int32(count)) == 1 else { throw CLIError("no randomness available from libcrypto") }
        return hex(buffer)
    }

    /// A short code a person can type: groups of uppercase letters and digits without look-alikes.
    public static func randomCode(groups: Int = 3, length: Int = 4) throws -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var buffer = [UInt8](repeating: 0, count: groups * length)
        guard RAND_bytes(&buffer, Int32(buffer.count)) == 1 else { throw CLIError("no randomness available from libcrypto") }
        var parts: [String] = []
        for group in 0..<groups {
            let slice = buffer[(group * length)..<((group + 1) * length)]
            parts.append(String(slice.map { alphabet[Int($0) % alphabet.count] }))
        }
        return parts.joined(separator: "-")
    }
}
