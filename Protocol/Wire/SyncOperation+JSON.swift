/// A direct JSON writer for one operation: the server keeps every operation it receives, and
/// JSONEncoder was a quarter of the merge's time. The output decodes to the same operation
/// (`JSONCoding.decode`), with keys sorted as `JSONCoding.encode` writes them.
extension SyncOperation {
    public var jsonText: String { String(decoding: bytes(signed: false), as: UTF8.self) }

    /// What the proof covers, as UTF-8: the operation's JSON as `jsonText` writes it, without `node`,
    /// `seq` and `proof`. The node and number are left out on purpose: re-enrolment renumbers unsent
    /// operations under a new node id (`enrol --again`), and the examiner's proof must survive that;
    /// what the examiner did (épreuve, lot, candidate, kind, clock, base, values) is all covered.
    public var signedBytes: [UInt8] { bytes(signed: true) }

    /// Written as UTF-8 bytes, not by appending to a String: the server writes two of these per
    /// operation it merges (the proof's bytes and the stored text), and String appends were a tenth of
    /// the merge (issue 12). The bytes are the same as before: signatures made earlier still verify.
    private func bytes(signed: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        Self.raw("{\"author\":", to: &out)
        Self.append(author, to: &out)
        Self.raw(",\"base\":", to: &out)
        Self.appendObject(base, to: &out) { Self.raw(String($0), to: &$1) }
        if let candidate {
            Self.raw(",\"candidate\":", to: &out)
            Self.append(candidate, to: &out)
        }
        Self.raw(",\"epreuve\":", to: &out)
        Self.append(epreuve, to: &out)
        Self.raw(",\"hlc\":\"\(hlc.description)\",\"kind\":\"\(kind.rawValue)\",\"lot\":", to: &out)
        Self.append(lot, to: &out)
        if !signed {
            Self.raw(",\"node\":", to: &out)
            Self.append(node, to: &out)
            if let proof {
                Self.raw(",\"proof\":", to: &out)
                Self.append(proof, to: &out)
            }
            Self.raw(",\"seq\":\(seq)", to: &out)
        }
        Self.raw(",\"values\":", to: &out)
        Self.appendObject(values, to: &out) { Self.append($0, to: &$1) }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func raw(_ text: String, to out: inout [UInt8]) { out.append(contentsOf: text.utf8) }

    /// An object with sorted keys (Swift's String order, as before); `value` writes each value.
    static func appendObject<Value>(_ object: [String: Value], to out: inout [UInt8],
                                    value: (Value, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "{"))
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            if let item = object[key] { value(item, &out) }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped; every
    /// other byte of the UTF-8 as it is.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
