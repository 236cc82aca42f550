/// Bounds on what a node may send, checked where a request is decoded (ARCHITECTURE "Trust": every
/// input is bounded where it is decoded). A request outside them is refused whole with 400 and nothing
/// is stored: a rejected-but-kept operation must stay small, since every one is kept in the report and
/// fed back to the centre's nodes.
///
/// The numbers: identifiers are codes (`T011B`, `0231045871`, `EX-DURAND`, `level.S1.APP`), 64 bytes is
/// several times the longest; a value is at most a comment, whose rule is 2,000 bytes (`SheetRules`);
/// a grid has a few competencies per subject, 64 keys hold a whole sheet of several subjects; the node
/// pushes 500 operations at a time, 1,000 leaves room. A push is then at most about
/// 1,000 × (64 × (64 + 2,000) + 64 × 84) ≈ 137 MiB in principle, and the 16 MiB body cap is the real
/// bound; what one operation can store is at most 64 × 2,064 bytes ≈ 129 KiB.
public enum WireLimits {
    /// Node, author, épreuve, lot, candidate and field names: bytes of UTF-8.
    public static let identifierBytes = 64
    /// A field's value (a level, a subject, a comment): bytes of UTF-8.
    public static let valueBytes = 2_000
    /// Keys of `values`, and of `base`.
    public static let keys = 64
    /// Operations in one push.
    public static let operationsPerPush = 1_000
    /// A proof is HMAC-SHA256 in hex.
    public static let proofDigits = 64

    /// What is wrong with an identifier, or nil: empty, too long, or holding a control character
    /// (C0 with NUL, DEL, C1) or a blank that is not a plain space.
    public static func identifierProblem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.utf8.count > identifierBytes { return "is longer than \(identifierBytes) bytes (\(text.utf8.count))" }
        // Printable ASCII (the usual codes) holds neither a control character nor a blank but the space.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return nil }
        if let bad = text.unicodeScalars.first(where: { isControl($0) || ($0.properties.isWhitespace && $0 != " ") }) {
            return "holds control character U+\(hex(bad.value))"
        }
        return nil
    }

    /// What is wrong with a value, or nil: too long, or holding NUL or a control character other than
    /// tab, line feed and carriage return (a comment may have lines).
    public static func valueProblem(_ text: String) -> String? {
        if text.utf8.count > valueBytes { return "is longer than \(valueBytes) bytes (\(text.utf8.count))" }
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return nil }
        if let bad = text.unicodeScalars.first(where: { isControl($0) && !["\t", "\n", "\r"].contains($0) }) {
            return "holds control character U+\(hex(bad.value))"
        }
        return nil
    }

    /// The first problem of an operation, as `path: problem`, or nil.
    public static func problem(in operation: SyncOperation) -> String? {
        let identifiers: [(String, String?)] = [("node", operation.node), ("author", operation.author),
                                                ("epreuve", operation.epreuve), ("lot", operation.lot),
                                                ("candidate", operation.candidate)]
        for case let (name, value?) in identifiers {
            if let problem = identifierProblem(value) { return "\(name) \(problem)" }
        }
        if operation.seq < 1 { return "seq must be 1 or more, got \(operation.seq)" }
        if operation.values.count > keys { return "values has \(operation.values.count) keys, more than \(keys)" }
        if operation.base.count > keys { return "base has \(operation.base.count) keys, more than \(keys)" }
        // Keys in order only when one is wrong, so that the first problem named is always the same one.
        if operation.values.contains(where: { identifierProblem($0.key) != nil || valueProblem($0.value) != nil }) {
            for key in operation.values.keys.sorted() {
                if let problem = identifierProblem(key) { return "values: a field name \(problem)" }
                if let problem = valueProblem(operation.values[key] ?? "") { return "values.\(key) \(problem)" }
            }
        }
        if operation.base.keys.contains(where: { identifierProblem($0) != nil }) {
            for key in operation.base.keys.sorted() {
                if let problem = identifierProblem(key) { return "base: a field name \(problem)" }
            }
        }
        if let proof = operation.proof,
           proof.utf8.count != proofDigits || !proof.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
            return "proof must be \(proofDigits) lower-case hex digits"
        }
        return nil
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
