import Foundation

/// Unicode to WinAnsiEncoding (Windows-1252), the encoding of the standard PDF fonts. Latin-1
/// maps to itself; 0x80...0x9F hold the typographic extras French uses (œ, ’, …, €). Anything else
/// becomes "?", so a name in another script prints as question marks instead of breaking the file.
enum WinAnsi {
    static let replacement = UInt8(ascii: "?")

    static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        // Composed forms first: "e" + combining acute becomes the single é that the font has.
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            bytes.append(byte(for: scalar))
        }
        return bytes
    }

    static func byte(for scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA1...0xFF: return UInt8(value)
        case 0x09, 0x0A, 0x0D, 0xA0, 0x2007, 0x2009, 0x202F: return 0x20  // tabs and the French thin spaces
        default: return extras[value] ?? replacement
        }
    }

    /// The 0x80...0x9F range of Windows-1252.
    private static let extras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
