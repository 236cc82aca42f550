/// A direct JSON writer for one operation: the server keeps every operation it receives, and
/// JSONEncoder was a quarter of the merge's time. The output decodes to the same operation
/// (`JSONCoding.decode`), with keys sorted as `JSONCoding.encode` writes them.
extension SyncOperation {
    public var jsonText: String { text(signed: false) }

    /// What the proof covers, as UTF-8: the operation's JSON as `jsonText` writes it, without `node`,
    /// `seq` and `proof`. The node and number are left out on purpose: re-enrolment renumbers unsent
    /// operations under a new node id (`enrol --again`), and the examiner's proof must survive that;
    /// what the examiner did (épreuve, lot, candidate, kind, clock, base, values) is all covered.
    public var signedBytes: [UInt8] { Array(text(signed: true).utf8) }

    private func text(signed: Bool) -> String {
        var out = "{\"author\":"
        Self.append(author, to: &out)
        out += ",\"base\":"
        Self.appendObject(base, to: &out) { $1 += String($0) }
        if let candidate {
            out += ",\"candidate\":"
            Self.append(candidate, to: &out)
        }
        out += ",\"epreuve\":"
        Self.append(epreuve, to: &out)
        out += ",\"hlc\":\"\(hlc.description)\",\"kind\":\"\(kind.rawValue)\",\"lot\":"
        Self.append(lot, to: &out)
        if !signed {
            out += ",\"node\":"
            Self.append(node, to: &out)
            if let proof {
                out += ",\"proof\":"
                Self.append(proof, to: &out)
            }
            out += ",\"seq\":\(seq)"
        }
        out += ",\"values\":"
        Self.appendObject(values, to: &out) { Self.append($0, to: &$1) }
        return out + "}"
    }

    /// An object with sorted keys; `value` writes each value.
    static func appendObject<Value>(_ object: [String: Value], to out: inout String,
                                    value: (Value, inout String) -> Void) {
        out += "{"
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            if let item = object[key] { value(item, &out) }
        }
        out += "}"
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
