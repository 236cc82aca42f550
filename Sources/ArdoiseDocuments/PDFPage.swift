/// One page being drawn: text in the standard fonts, lines and rectangles, in PDF points (1/72 inch)
/// from the bottom-left corner. Drawing never fails; a page that outgrows `maxOperations` keeps
/// what fitted and is refused by `PDFDocument.append`, so a runaway loop cannot build a huge file.
public struct PDFPage: Sendable {
    /// A4 in points.
    public static let a4Width = 595.28
    public static let a4Height = 841.89
    public static let maxOperations = 5_000
    /// Longest text drawn in one call, in characters; longer text is cut.
    public static let maxTextLength = 2_000

    public enum Alignment: Sendable {
        /// `x` is where the text starts, ends, or its middle.
        case left, right, center
    }

    public let width: Double
    public let height: Double
    /// The content stream's operators, ASCII only (text is written as hex strings).
    private(set) var content: String = ""
    private(set) var operationCount = 0
    /// Set when a drawing call was dropped because the page was full.
    public private(set) var isOverfull = false

    public init(width: Double = PDFPage.a4Width, height: Double = PDFPage.a4Height) {
        self.width = width
        self.height = height
    }

    /// Draws one line of text with its baseline at `y`. Characters outside WinAnsi print as "?".
    public mutating func text(_ text: String, x: Double, y: Double, font: PDFFont = .helvetica, size: Double = 11,
                              alignment: Alignment = .left) {
        let text = String(text.prefix(Self.maxTextLength))
        var start = x
        switch alignment {
        case .left: break
        case .right: start = x - font.width(of: text, size: size)
        case .center: start = x - font.width(of: text, size: size) / 2
        }
        let hex = WinAnsi.encode(text).map { Self.hexDigits[Int($0 >> 4)] + Self.hexDigits[Int($0 & 0x0F)] }.joined()
        append("BT /\(font.resourceName) \(Self.number(size)) Tf \(Self.number(start)) \(Self.number(y)) Td <\(hex)> Tj ET")
    }

    /// A straight line, black, `lineWidth` points thick.
    public mutating func line(fromX x1: Double, y y1: Double, toX x2: Double, y y2: Double, lineWidth: Double = 0.5) {
        append("q \(Self.number(lineWidth)) w 0 G \(Self.number(x1)) \(Self.number(y1)) m "
            + "\(Self.number(x2)) \(Self.number(y2)) l S Q")
    }

    /// A rectangle from its bottom-left corner: outlined, or filled with a grey (0 black ... 1 white) and outlined.
    public mutating func rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.5,
                                   fillGray: Double? = nil) {
        let box = "\(Self.number(x)) \(Self.number(y)) \(Self.number(width)) \(Self.number(height)) re"
        if let fillGray {
            append("q \(Self.number(lineWidth)) w 0 G \(Self.number(min(max(fillGray, 0), 1))) g \(box) B Q")
        } else {
            append("q \(Self.number(lineWidth)) w 0 G \(box) S Q")
        }
    }

    private mutating func append(_ operation: String) {
        guard operationCount < Self.maxOperations else {
            isOverfull = true
            return
        }
        operationCount += 1
        content += operation + "\n"
    }

    private static let hexDigits = Array("0123456789ABCDEF").map(String.init)

    /// A PDF number: at most two decimals, no exponent, no locale; NaN and infinities become 0,
    /// and values are kept within what readers accept.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((min(max(value, -30_000), 30_000) * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
