/// The one escaping helper for pages and reports, so that a value typed by a person (a label, a
/// comment, a reason) can neither become markup nor forge a line or a terminal escape sequence.
public enum Escape {
    /// For HTML element content and quoted attribute values: `& < > " '` become entities, and the
    /// control characters HTML forbids (C0 but TAB, LF and CR; DEL; C1) become U+FFFD.
    public static func html(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": result.append(scalar)
            default: result.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }

    /// For text reports and terminal output: every control character (all of C0, DEL, C1) is shown
    /// as a visible escape (`\n`, `\r`, `\t`, else `\u{1B}`), so the result is one line with no
    /// terminal sequences. A backslash stays as is: the text is for reading, not for parsing back.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
