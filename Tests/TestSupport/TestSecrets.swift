import ArdoiseSupport
import Foundation

/// Examiners' secrets the tests know in advance: `ardoise-server credential` issues random ones; a test
/// issues through `Central(store:random:)` with `TestSecrets.random(for:)`, which makes the secret of an
/// examiner `secret(for:)` and its salts fixed (and distinct), so the test can sign as the examiner.
public enum TestSecrets {
    /// PBKDF2 rounds of the credentials tests issue (`Central(credentialRounds:)`): the real count costs
    /// 12 ms a derivation, and the fault suite signs thousands of actions.
    public static let rounds = 1_000

    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// The 12 bytes `RandomSource.code(groups: 3, length: 4)` turns into the examiner's secret.
    static func codeBytes(for examiner: String) -> [UInt8] {
        Array(Digest.sha256(Array("secret of \(examiner)".utf8)).prefix(12)).map { $0 % 32 }
    }

    /// The examiner's secret, `XXXX-XXXX-XXXX`.
    public static func secret(for examiner: String) -> String {
        let letters = codeBytes(for: examiner).map { alphabet[Int($0)] }
        return [letters[0..<4], letters[4..<8], letters[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// A random source for issuing `examiner`'s credential only: 12 bytes are the secret's, any other
    /// request is a salt, different at each call.
    public static func random(for examiner: String) -> RandomSource {
        let counter = Counter()
        return RandomSource { count in
            if count == 12 { return codeBytes(for: examiner) }
            let n = counter.next()
            return Array(Digest.sha256(Array("salt \(n) of \(examiner)".utf8)).prefix(count))
        }
    }

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
