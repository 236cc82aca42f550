import ArdoiseSupport
import Foundation

/// What a stolen verifier costs to test: PBKDF2-HMAC-SHA256 guesses per second on one core at the
/// verifier's rounds, beside the plain loop of one SHA-256 per guess (no key stretching).
enum GuessRates {
    static func measure(iterations: Int, seconds budget: Double) -> (pbkdf2: Double, plain: Double) {
        let salt = Array(repeating: UInt8(7), count: 16)
        var guesses = 0
        var sink: UInt8 = 0
        let pbkdf2Time = seconds {
            let start = now()
            while now() - start < budget {
                sink ^= Digest.pbkdf2Bytes(secret: "ABCD-EFGH-\(guesses % 10_000)", salt: salt, iterations: iterations).first ?? 0
                guesses += 1
            }
        }
        var plain = 0
        let plainTime = seconds {
            let start = now()
            while now() - start < budget {
                for _ in 0..<10_000 {
                    sink ^= Digest.sha256(salt + Array("ABCD-EFGH-\(plain % 10_000)".utf8)).first ?? 0
                    plain += 1
                }
            }
        }
        if sink == 42 { print("", terminator: "") }  // keeps the work from being optimised away
        return (Double(guesses) / pbkdf2Time, Double(plain) / plainTime)
    }
}
