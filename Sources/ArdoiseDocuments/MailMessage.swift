import Foundation

/// A mailbox: an optional display name and a bare address.
public struct MailAddress: Sendable, Equatable {
    public var name: String
    public var address: String

    public init(_ address: String, name: String = "") {
        self.address = address
        self.name = name
    }
}

/// A file carried by a message, base64-encoded.
public struct MailAttachment: Sendable, Equatable {
    public var fileName: String
    public var contentType: String
    public var bytes: [UInt8]

    public init(fileName: String, contentType: String = "application/pdf", bytes: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// One e-mail as MIME multipart/mixed (RFC 2045-2049, 5322): a UTF-8 text part and the attachments,
/// both in base64 so the message is 7-bit and any relay accepts it; the subject and display names in
/// RFC 2047 encoded words when they are not plain ASCII.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var subject: String
    public var body: String
    public var attachments: [MailAttachment]

    public static let maxAttachments = 20

    public init(from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, body: String,
                attachments: [MailAttachment] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.attachments = attachments
    }

    /// The envelope's recipients: To then Cc, each address once.
    public var recipients: [String] {
        var seen: Set<String> = []
        return (to + cc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    /// Checks addresses and sizes, so a bad value is refused before it reaches a header.
    public func validate() throws {
        guard !to.isEmpty else { throw DocumentsError("the mail has no recipient") }
        for mailbox in [from] + to + cc where !Self.isPlainAddress(mailbox.address) {
            throw DocumentsError("invalid e-mail address \"\(mailbox.address.prefix(80))\"")
        }
        guard to.count + cc.count <= 100 else { throw DocumentsError("the mail has more than 100 recipients") }
        guard attachments.count <= Self.maxAttachments else {
            throw DocumentsError("the mail has more than \(Self.maxAttachments) attachments")
        }
        for attachment in attachments {
            let type = attachment.contentType
            guard !attachment.fileName.isEmpty, attachment.fileName.count <= 200,
                  type.range(of: #"^[a-z0-9.+-]+/[a-z0-9.+-]+$"#, options: .regularExpression) != nil else {
                throw DocumentsError("invalid attachment \"\(attachment.fileName.prefix(80))\" (\(type.prefix(40)))")
            }
        }
    }

    /// The message as sent, CRLF line endings. `date` and `boundary` are parameters so tests get the same bytes.
    public func rendered(date: Date = Date(), boundary: String = "ardoise-" + UUID().uuidString) throws -> [UInt8] {
        try validate()
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        var lines = [
            "From: " + Self.mailbox(from),
            "To: " + to.map(Self.mailbox).joined(separator: ",\r\n "),
        ]
        if !cc.isEmpty { lines.append("Cc: " + cc.map(Self.mailbox).joined(separator: ",\r\n ")) }
        lines += [
            "Subject: " + Self.headerText(subject, used: 9),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64(Array(Self.crlf(body).utf8)),
        ]
        for attachment in attachments {
            let (name, disposition) = Self.fileNameParameters(attachment.fileName)
            lines += [
                "--\(boundary)",
                "Content-Type: \(attachment.contentType);\r\n \(name)",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment;\r\n \(disposition)",
                "",
                Self.base64(attachment.bytes),
            ]
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A bare address: local@domain, no spaces, brackets, quotes, commas or control characters.
    static func isPlainAddress(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            return false
        }
        return !bytes.contains { $0 <= 0x20 || $0 >= 0x7F || "<>\"(),;:\\[]".utf8.contains($0) }
    }

    static func mailbox(_ mailbox: MailAddress) -> String {
        let name = mailbox.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return "<\(mailbox.address)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == " ") }
        // An encoded name can fill its line: the address then goes on a folded line of its own.
        return plain && name.utf8.count <= 40 ? "\(name) <\(mailbox.address)>"
            : encodedWords(name, used: 0) + "\r\n <\(mailbox.address)>"
    }

    /// Plain ASCII text stays as is when short; anything else becomes encoded words of at most 75
    /// characters, one per folded line, cut between characters, never inside one.
    static func headerText(_ text: String, used: Int) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let printable = flat.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if printable && flat.utf8.count + used <= 78 && !flat.contains("=?") { return flat }
        return encodedWords(flat, used: used)
    }

    private static func encodedWords(_ text: String, used: Int) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text.prefix(1_000) {
            let bytes = Array(String(character).utf8)
            // 42 bytes give 56 base64 characters: with "=?UTF-8?B?" and "?=" a word is 68 characters,
            // so even "Subject: " and a word fit in 78.
            if chunk.count + bytes.count > 42, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes.prefix(42)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `name` for Content-Type and `filename` for Content-Disposition: quoted when plain ASCII,
    /// RFC 2231 percent-encoded UTF-8 otherwise.
    private static func fileNameParameters(_ fileName: String) -> (String, String) {
        let plain = fileName.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }
        if plain { return ("name=\"\(fileName)\"", "filename=\"\(fileName)\"") }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? "attachment"
        return ("name*=UTF-8''\(encoded)", "filename*=UTF-8''\(encoded)")
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    private static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// "Mon, 01 Feb 2021 08:00:00 +0000", in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        var time = time_t(Int(date.timeIntervalSince1970.rounded(.down)))
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let clock = String(format: "%02d %04d %02d:%02d:%02d", Int(parts.tm_mday), Int(parts.tm_year) + 1900,
                           Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        // "01 2021 08:00:00" gets the month name put between the day and the year.
        let month = months[Int(parts.tm_mon)]
        return days[Int(parts.tm_wday)] + ", " + clock.prefix(2) + " " + month + clock.dropFirst(2) + " +0000"
    }
}
