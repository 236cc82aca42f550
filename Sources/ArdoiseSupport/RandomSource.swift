/// The one random source of tokens, codes, secrets and salts, injected where they are made so that a
/// test can make them predictable; `system` is the OS-seeded CSPRNG of libcrypto.
public struct RandomSource: Sendable {
    private let fill: @Sendable (Int) throws -> [UInt8]

    public init(_ fill: @escaping @Sendable (Int) throws -> [UInt8]) { self.fill = fill }

    public static let system = RandomSource { try Digest.randomBytes($0) }

    public func bytes(_ count: Int) throws -> [UInt8] { try fill(count) }

    /// `count` random bytes as hex: a bearer token.
    public func token(bytes count: Int = 32) throws -> String { Digest.hex(try bytes(count)) }

    /// A short code a person can type: groups of uppercase letters and digits without look-alikes.
    public func code(groups: Int = 3, length: Int = 4) throws -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let buffer = try bytes(groups * length)
        var parts: [String] = []
        for group in 0..<groups {
            let slice = buffer[(group * length)..<((group + 1) * length)]
            parts.append(String(slice.map { alphabet[Int($0) % alphabet.count] }))
        }
        return parts.joined(separator: "-")
    }
}
