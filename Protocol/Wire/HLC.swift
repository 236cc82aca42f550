import Foundation

/// A hybrid logical clock reading: wall-clock milliseconds, then a counter for events within the same
/// millisecond or behind a clock seen from elsewhere. Total order: wall, then logical.
/// On the wire it is a fixed-width string ("0001763770000000-00003") so that it sorts as text too.
public struct HLC: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let wall: Int64
    public let logical: Int32

    public init(wall: Int64, logical: Int32 = 0) {
        self.wall = wall
        self.logical = logical
    }

    public static let zero = HLC(wall: 0)

    /// The next reading after `self`, given the local wall clock. A clock received from elsewhere can
    /// carry any counter: at its maximum, move to the next millisecond rather than overflow (checked by
    /// the `protocol` fuzz target); the greatest reading of all stays put.
    public func tick(now: Int64) -> HLC {
        if now > wall { return HLC(wall: now) }
        if logical < .max { return HLC(wall: wall, logical: logical + 1) }
        return wall < .max ? HLC(wall: wall + 1) : self
    }

    /// Folds in a reading seen from elsewhere so that later local events sort after it.
    public func observe(_ other: HLC) -> HLC { max(self, other) }

    public static func < (a: HLC, b: HLC) -> Bool {
        (a.wall, a.logical) < (b.wall, b.logical)
    }

    public var description: String {
        // The usual reading (both parts within their width) is written digit by digit in place: a merge
        // formats one per field it writes (issue 12).
        guard wall >= 0, wall < 10_000_000_000_000_000, logical >= 0, logical < 100_000 else {
            let w = String(wall)
            let l = String(logical)
            return String(repeating: "0", count: max(0, 16 - w.count)) + w + "-"
                + String(repeating: "0", count: max(0, 5 - l.count)) + l
        }
        return String(unsafeUninitializedCapacity: 22) { buffer in
            var w = wall
            for index in stride(from: 15, through: 0, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(w % 10)
                w /= 10
            }
            buffer[16] = UInt8(ascii: "-")
            var l = logical
            for index in stride(from: 21, through: 17, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(l % 10)
                l /= 10
            }
            return 22
        }
    }

    public init?(text: String) {
        // Split at the one "-" by bytes, without building an array of parts; two dashes are refused, as before.
        let utf8 = text.utf8
        guard let dash = utf8.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let rest = utf8[utf8.index(after: dash)...]
        guard !rest.contains(UInt8(ascii: "-")), let w = Int64(Substring(utf8[..<dash])), let l = Int32(Substring(rest)),
              w >= 0, l >= 0 else { return nil }
        self.init(wall: w, logical: l)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = HLC(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid clock '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The wall time as ISO 8601 (UTC), for reports.
    public var iso8601: String {
        let date = Date(timeIntervalSince1970: Double(wall) / 1000)
        return date.formatted(.iso8601)
    }
}
