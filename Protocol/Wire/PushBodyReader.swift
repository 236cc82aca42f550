/// A direct reader of push bodies as nodes write them (`{"operations":[…]}`, string and integer
/// values): JSONDecoder was a fifth of the server's time on a push (issue 12). It accepts only what
/// it fully understands and gives the same values JSONDecoder would; on anything else (an unknown or
/// repeated key, a number with a fraction, invalid UTF-8, a lone surrogate…) it gives up and
/// `PushRequest.decoded` asks JSONDecoder, which also words every refusal. Nesting is fixed, so
/// nothing recurses on the input.
struct PushBodyReader {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The operations, or nil when this reader is not the one to decide.
    mutating func operations() -> [SyncOperation]? {
        guard take("{"), string() == "operations", take(":"), take("[") else { return nil }
        var operations: [SyncOperation] = []
        if !take("]") {
            repeat {
                guard let operation = operation() else { return nil }
                operations.append(operation)
            } while take(",")
            guard take("]") else { return nil }
        }
        guard take("}") else { return nil }
        skipSpace()
        return at == bytes.count ? operations : nil
    }

    private mutating func operation() -> SyncOperation? {
        guard take("{") else { return nil }
        var seen = Set<String>()
        var node: String?, seq: Int64?, hlc: HLC?, author: String?, kind: OperationKind?, epreuve: String?, lot: String?
        var candidate: String?, proof: String?, base: [String: Int64]?, values: [String: String]?
        repeat {
            guard let key = string(), seen.insert(key).inserted, take(":") else { return nil }
            switch key {
            case "node": node = string()
            case "seq": seq = integer()
            case "hlc": hlc = string().flatMap(HLC.init(text:))
            case "author": author = string()
            case "kind": kind = string().flatMap(OperationKind.init(rawValue:))
            case "epreuve": epreuve = string()
            case "lot": lot = string()
            // Optional: null is nil, as decodeIfPresent reads it.
            case "candidate": if !literal("null") { guard let text = string() else { return nil }; candidate = text }
            case "proof": if !literal("null") { guard let text = string() else { return nil }; proof = text }
            case "base": base = object { $0.integer() }
            case "values": values = object { $0.string() }
            default: return nil
            }
            // A value this reader did not understand: JSONDecoder decides.
            let understood: Bool
            switch key {
            case "node": understood = node != nil
            case "seq": understood = seq != nil
            case "hlc": understood = hlc != nil
            case "author": understood = author != nil
            case "kind": understood = kind != nil
            case "epreuve": understood = epreuve != nil
            case "lot": understood = lot != nil
            case "base": understood = base != nil
            case "values": understood = values != nil
            default: understood = true
            }
            guard understood else { return nil }
        } while take(",")
        guard take("}"), let node, let seq, let hlc, let author, let kind, let epreuve, let lot, let base, let values else {
            return nil
        }
        return SyncOperation(node: node, seq: seq, hlc: hlc, author: author, kind: kind, epreuve: epreuve, lot: lot,
                             candidate: candidate, base: base, values: values, proof: proof)
    }

    /// An object with string keys, each value read by `value`; nil on a repeated key.
    private mutating func object<Value>(_ value: (inout PushBodyReader) -> Value?) -> [String: Value]? {
        guard take("{") else { return nil }
        var result: [String: Value] = [:]
        if take("}") { return result }
        repeat {
            guard let key = string(), result[key] == nil, take(":"), let item = value(&self) else { return nil }
            result[key] = item
        } while take(",")
        return take("}") ? result : nil
    }

    /// A JSON integer without fraction or exponent (-?(0|[1-9][0-9]*)) that fits in 64 bits.
    private mutating func integer() -> Int64? {
        skipSpace()
        let start = at
        if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
        let digits = at
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") { at += 1 }
        guard at > digits, at - digits == 1 || bytes[digits] != UInt8(ascii: "0") else { return nil }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
        return Int64(String(decoding: bytes[start..<at], as: UTF8.self))
    }

    /// A JSON string: escapes decoded, raw control characters refused, the UTF-8 checked.
    private mutating func string() -> String? {
        guard take("\"") else { return nil }
        var decoded: [UInt8] = []
        var start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                decoded += bytes[start..<at]
                at += 1
                return String(validating: decoded, as: UTF8.self)
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                decoded += bytes[start..<at]
                at += 1
                guard at < bytes.count, let escaped = escape(&decoded) else { return nil }
                at = escaped
                start = at
                continue
            }
            at += 1
        }
        return nil
    }

    /// Decodes the escape at `at` (after its backslash) into `out`; the index after it, or nil.
    private func escape(_ out: inout [UInt8]) -> Int? {
        if let byte = Self.simpleEscapes[bytes[at]] {
            out.append(byte)
            return at + 1
        }
        guard bytes[at] == UInt8(ascii: "u"), let high = hex4(at + 1) else { return nil }
        var scalar = high
        var next = at + 5
        if (0xD800...0xDBFF).contains(high) {
            // A pair only: a lone surrogate is left to JSONDecoder.
            guard next + 6 <= bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                  let low = hex4(next + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
            scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if (0xDC00...0xDFFF).contains(high) {
            return nil
        }
        guard let unicode = Unicode.Scalar(scalar) else { return nil }
        out += Array(String(Character(unicode)).utf8)
        return next
    }

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    /// Four hexadecimal digits, nothing else (no sign).
    private func hex4(_ index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func literal(_ word: String) -> Bool {
        skipSpace()
        let expected = Array(word.utf8)
        guard at + expected.count <= bytes.count, Array(bytes[at..<(at + expected.count)]) == expected else { return false }
        at += expected.count
        return true
    }

    /// Skips JSON whitespace, then takes `character` if it is next.
    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        skipSpace()
        guard at < bytes.count, bytes[at] == UInt8(character.value) else { return false }
        at += 1
        return true
    }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }
}

extension PushRequest {
    /// A push body as the server reads it: directly when `PushBodyReader` understands it and every
    /// operation is within `WireLimits`, else through JSONDecoder (the same checks, with their words).
    public static func decoded(from bytes: [UInt8]) throws -> PushRequest {
        var reader = PushBodyReader(bytes)
        if let operations = reader.operations(), operations.count <= WireLimits.operationsPerPush,
           operations.allSatisfy({ WireLimits.problem(in: $0) == nil }) {
            return PushRequest(operations: operations)
        }
        return try JSONCoding.decode(PushRequest.self, from: bytes)
    }
}
