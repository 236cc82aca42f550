import Foundation

/// An `application/x-www-form-urlencoded` body, decoded as the query is (`+` is a space, `%XX`);
/// the first of repeated names wins. The route's body cap bounds its size before it is read.
struct FormBody {
    private let values: [String: String]

    init(_ body: [UInt8], contentType: String?) throws {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/x-www-form-urlencoded" else { throw PageError.badRequest("formulaire attendu") }
        guard let text = String(validating: body, as: UTF8.self) else { throw PageError.badRequest("formulaire illisible (UTF-8)") }
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw PageError.badRequest("formulaire illisible")
            }
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// `%XX` and `+`; a malformed escape or bytes that are not UTF-8 give nil.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
