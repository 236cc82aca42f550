import Foundation

/// A PDF 1.4 file written by hand: a catalog, a page tree, the two standard Helvetica fonts in
/// WinAnsiEncoding, one content stream per page (Flate-compressed by default), an information
/// dictionary, and a classic cross-reference table. Nothing is embedded, so a one-page letter is
/// a couple of kilobytes.
public struct PDFDocument: Sendable {
    public static let maxPages = 2_000

    public var title: String
    public var author: String?
    /// Compresses the content streams with zlib (FlateDecode); off only to read them in tests.
    public var compressed: Bool
    /// Written as /CreationDate when set; left out otherwise so the same input gives the same bytes.
    public var creationDate: Date?
    public private(set) var pages: [PDFPage] = []

    public init(title: String, author: String? = nil, compressed: Bool = true, creationDate: Date? = nil) {
        self.title = title
        self.author = author
        self.compressed = compressed
        self.creationDate = creationDate
    }

    /// Adds a page; refuses an overfull page and more than `maxPages` pages.
    public mutating func append(_ page: PDFPage) throws {
        guard !page.isOverfull else {
            throw DocumentsError("a PDF page has more than \(PDFPage.maxOperations) drawing operations")
        }
        guard pages.count < Self.maxPages else { throw DocumentsError("a PDF has at most \(Self.maxPages) pages") }
        guard page.width > 0, page.height > 0, page.width <= 14_400, page.height <= 14_400 else {
            throw DocumentsError("a PDF page must be between 1 and 14400 points wide and high")
        }
        pages.append(page)
    }

    /// The whole file.
    public func bytes() throws -> [UInt8] {
        guard !pages.isEmpty else { throw DocumentsError("a PDF needs at least one page") }
        var writer = ObjectWriter()
        // Object numbers: 1 catalog, 2 page tree, 3 and 4 fonts, 5 information, then a page and its content.
        let pageNumbers = pages.indices.map { 6 + 2 * $0 }
        writer.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        writer.object(2, "<< /Type /Pages /Kids [\(pageNumbers.map { "\($0) 0 R" }.joined(separator: " "))] "
            + "/Count \(pages.count) >>")
        for (offset, font) in PDFFont.allCases.enumerated() {
            writer.object(3 + offset, "<< /Type /Font /Subtype /Type1 /BaseFont /\(font.baseFont) "
                + "/Encoding /WinAnsiEncoding >>")
        }
        writer.object(5, informationDictionary())
        let fonts = PDFFont.allCases.enumerated().map { "/\($1.resourceName) \(3 + $0) 0 R" }.joined(separator: " ")
        for (page, number) in zip(pages, pageNumbers) {
            writer.object(number, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(PDFPage.number(page.width)) "
                + "\(PDFPage.number(page.height))] /Resources << /Font << \(fonts) >> /ProcSet [/PDF /Text] >> "
                + "/Contents \(number + 1) 0 R >>")
            let raw = Array(page.content.utf8)
            let data = compressed ? try Deflate.compress(raw, format: .zlib) : raw
            writer.stream(number + 1, dictionary: compressed ? "/Filter /FlateDecode" : "", data: data)
        }
        return writer.finish(root: 1, info: 5)
    }

    private func informationDictionary() -> String {
        var entries = ["/Title \(Self.textString(title))", "/Producer (Ardoise)"]
        if let author { entries.append("/Author \(Self.textString(author))") }
        if let creationDate {
            let seconds = Int(creationDate.timeIntervalSince1970.rounded(.down))
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            let stamp = String(format: "%04d%02d%02d%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                               Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
            entries.append("/CreationDate (D:\(stamp)Z)")
        }
        return "<< " + entries.joined(separator: " ") + " >>"
    }

    /// A text string outside content streams (title, author): UTF-16BE with its byte order mark, in hex,
    /// so any character survives and nothing needs escaping.
    static func textString(_ text: String) -> String {
        let units = [UInt16(0xFEFF)] + Array(String(text.prefix(500)).utf16)
        return "<" + units.map { String(format: "%04X", $0) }.joined() + ">"
    }
}

/// Appends numbered objects and remembers where each starts, for the cross-reference table.
private struct ObjectWriter {
    private var output: [UInt8] = []
    private var offsets: [Int: Int] = [:]

    init() {
        // The binary comment tells transfer tools the file is not text.
        output += Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + [0x0A]
    }

    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = output.count
        output += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
    }

    mutating func stream(_ number: Int, dictionary: String, data: [UInt8]) {
        offsets[number] = output.count
        let extra = dictionary.isEmpty ? "" : " " + dictionary
        output += Array("\(number) 0 obj\n<< /Length \(data.count)\(extra) >>\nstream\n".utf8)
        output += data
        output += Array("\nendstream\nendobj\n".utf8)
    }

    /// The cross-reference table (entries of exactly 20 bytes), the trailer and the end marker.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let size = (offsets.keys.max() ?? 0) + 1
        let start = output.count
        var table = "xref\n0 \(size)\n0000000000 65535 f\r\n"
        for number in 1..<size {
            let offset = offsets[number] ?? 0
            let digits = String(offset)
            table += String(repeating: "0", count: max(0, 10 - digits.count)) + digits
                + (offsets[number] == nil ? " 00000 f\r\n" : " 00000 n\r\n")
        }
        table += "trailer\n<< /Size \(size) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(start)\n%%EOF\n"
        output += Array(table.utf8)
        return output
    }
}
