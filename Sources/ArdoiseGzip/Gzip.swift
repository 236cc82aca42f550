import CZlib
import Foundation

/// gzip for HTTP bodies (`Content-Encoding: gzip`), one call each way. Inflating is bounded: a body
/// is never allowed to grow past the caller's limit, whatever its compressed size.
public enum Gzip {
    /// Bodies below this size are sent as they are: gzip's header and the CPU cost outweigh the saving.
    public static let worthFrom = 1024

    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// True when the inflated data would exceed the limit; false when the data is not valid gzip.
        public let tooLarge: Bool
        public var description: String { tooLarge ? "gzip body too large once inflated" : "invalid gzip body" }
    }

    /// The gzip member of `input` (zlib's default level); zlib counts in 32 bits, so inputs stay under 1 GiB.
    public static func compress(_ input: [UInt8]) throws -> [UInt8] {
        guard input.count < 1 << 30 else { throw Failure(tooLarge: true) }
        let capacity = Int(ardoise_deflate_bound(UInt(input.count))) + 32
        var output = [UInt8](repeating: 0, count: capacity)
        let produced = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                ardoise_gzip(source.baseAddress, UInt(source.count), target.baseAddress, UInt(capacity))
            }
        }
        guard produced >= 0 else { throw Failure(tooLarge: false) }
        output.removeSubrange(produced...)
        return output
    }

    /// The bytes of one whole gzip member, at most `limit` of them; inflated a chunk at a time, so a
    /// small body that would inflate to gigabytes stops at the limit.
    public static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        guard input.count < 1 << 30 else { throw Failure(tooLarge: true) }
        var stream = z_stream()
        guard ardoise_gunzip_begin(&stream) == Z_OK else { throw Failure(tooLarge: false) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 8))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var result = Z_OK
        var tooLarge = false
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while result == Z_OK {
                let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                guard output.count + produced <= limit else {
                    tooLarge = true
                    return
                }
                output += chunk[0..<produced]
            }
            // Neither input nor output pointer outlives this closure.
            stream.next_in = nil
            stream.next_out = nil
        }
        guard !tooLarge else { throw Failure(tooLarge: true) }
        // A whole member, nothing after it.
        guard result == Z_STREAM_END, stream.avail_in == 0 else { throw Failure(tooLarge: false) }
        return output
    }

    /// Whether an `Accept-Encoding` header value accepts gzip (`gzip;q=0` refuses it).
    public static func accepted(by header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first, name == "gzip" || name == "x-gzip" else { return false }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            return (weight ?? 1) > 0
        }
    }
}
