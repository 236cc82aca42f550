import CZlib

/// zlib's deflate and CRC-32, one call each. Inputs are bounded by their callers (pages, zip
/// entries), well under zlib's 32-bit length.
enum Deflate {
    enum Format {
        /// zlib header and Adler-32 trailer: what a PDF FlateDecode stream holds.
        case zlib
        /// No header or trailer: what a zip entry with method 8 holds.
        case raw
    }

    /// The largest input accepted in one call (zlib counts in 32 bits).
    static let maxInput = 1 << 30

    static func compress(_ input: [UInt8], format: Format) throws -> [UInt8] {
        guard input.count <= maxInput else { throw DocumentsError("data too large to compress (\(input.count) bytes)") }
        let capacity = Int(ardoise_deflate_bound(UInt(input.count)))
        var output = [UInt8](repeating: 0, count: capacity)
        let produced = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                ardoise_deflate(source.baseAddress, UInt(source.count), target.baseAddress, UInt(capacity),
                                format == .zlib ? 15 : -15)
            }
        }
        guard produced >= 0 else { throw DocumentsError("zlib could not compress \(input.count) bytes") }
        output.removeSubrange(produced...)
        return output
    }

    static func crc32(_ input: [UInt8]) -> UInt32 {
        input.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: ardoise_crc32($0.baseAddress, UInt($0.count))) }
    }
}
