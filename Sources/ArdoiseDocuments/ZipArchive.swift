import Foundation

/// A zip file built in memory (PKWARE APPNOTE 6.3): local headers, the data, a central directory and
/// its end record; names flagged UTF-8 (bit 11), CRC-32 and raw deflate from zlib. No zip64, so the
/// archive is bounded below 4 GiB and 65,535 entries; the convocations of a mission are far from it.
public struct ZipArchive: Sendable {
    public enum Method: Sendable {
        case stored
        /// Deflate, falling back to stored for an entry that would not shrink (a JPEG, a tiny file).
        case deflated
    }

    public static let maxEntries = 65_535
    public static let maxBytes = 1 << 31
    public static let maxNameBytes = 255

    private struct Entry: Sendable {
        var name: [UInt8]
        var crc: UInt32
        var size: Int
        var method: UInt16
        var data: [UInt8]
    }

    private var entries: [Entry] = []
    private var names: Set<String> = []
    private var totalBytes = 22
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// `modified` is every entry's date, in local time as zip tools expect (two-second precision).
    public init(modified: Date = Date()) {
        var time = time_t(max(315_532_800, Int(modified.timeIntervalSince1970)))  // not before 1980
        var parts = tm()
        localtime_r(&time, &parts)
        dosTime = UInt16((Int(parts.tm_hour) << 11) | (Int(parts.tm_min) << 5) | (Int(parts.tm_sec) / 2))
        dosDate = UInt16((max(0, Int(parts.tm_year) - 80) << 9) | ((Int(parts.tm_mon) + 1) << 5) | Int(parts.tm_mday))
    }

    public var count: Int { entries.count }

    /// Adds a file. Refuses an empty, absolute, `..` or backslash name, a duplicate, and an archive
    /// that would pass `maxBytes` or `maxEntries`.
    public mutating func add(name: String, bytes: [UInt8], method: Method = .deflated) throws {
        let encoded = Array(name.utf8)
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !encoded.isEmpty, encoded.count <= Self.maxNameBytes, !name.hasPrefix("/"), !name.hasSuffix("/"),
              !encoded.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\\") }),
              !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw DocumentsError("invalid zip entry name \"\(name.prefix(80))\"")
        }
        guard !names.contains(name) else { throw DocumentsError("duplicate zip entry name \"\(name.prefix(80))\"") }
        guard entries.count < Self.maxEntries else { throw DocumentsError("a zip holds at most \(Self.maxEntries) files") }
        guard bytes.count <= Self.maxBytes - totalBytes else {
            throw DocumentsError("the zip would be larger than \(Self.maxBytes) bytes")
        }
        var stored = (method: UInt16(0), data: bytes)
        if method == .deflated, !bytes.isEmpty {
            let deflated = try Deflate.compress(bytes, format: .raw)
            if deflated.count < bytes.count { stored = (8, deflated) }
        }
        let added = 30 + 46 + 2 * encoded.count + stored.data.count
        guard added <= Self.maxBytes - totalBytes else { throw DocumentsError("the zip would be larger than \(Self.maxBytes) bytes") }
        totalBytes += added
        names.insert(name)
        entries.append(Entry(name: encoded, crc: Deflate.crc32(bytes), size: bytes.count, method: stored.method,
                             data: stored.data))
    }

    /// The archive's bytes.
    public func bytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(totalBytes)
        var central: [UInt8] = []
        for entry in entries {
            let offset = output.count
            output.append32(0x0403_4B50)
            appendCommon(entry, to: &output)
            output += entry.name
            output += entry.data

            central.append32(0x0201_4B50)
            central.append16(0x031E)  // made by Unix, spec 3.0: the external attributes are Unix modes
            appendCommon(entry, to: &central)
            central.append16(0)  // comment length
            central.append16(0)  // disk number
            central.append16(0)  // internal attributes
            central.append32(UInt32(0o100644) << 16)  // a regular file, rw-r--r--
            central.append32(UInt32(offset))
            central += entry.name
        }
        let centralOffset = output.count
        output += central
        output.append32(0x0605_4B50)
        output.append16(0)
        output.append16(0)
        output.append16(UInt16(entries.count))
        output.append16(UInt16(entries.count))
        output.append32(UInt32(central.count))
        output.append32(UInt32(centralOffset))
        output.append16(0)
        return output
    }

    /// The fields local and central headers share, from "version needed" to "extra field length".
    private func appendCommon(_ entry: Entry, to output: inout [UInt8]) {
        output.append16(20)  // version needed: deflate
        output.append16(0x0800)  // names are UTF-8
        output.append16(entry.method)
        output.append16(dosTime)
        output.append16(dosDate)
        output.append32(entry.crc)
        output.append32(UInt32(entry.data.count))
        output.append32(UInt32(entry.size))
        output.append16(UInt16(entry.name.count))
        output.append16(0)
    }
}

extension [UInt8] {
    /// Little-endian, as every zip field is.
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xFFFF))
        append16(UInt16(value >> 16))
    }
}
