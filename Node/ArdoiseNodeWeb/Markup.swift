import ArdoiseSupport

/// HTML that escapes by default: a `String` interpolated into a `Markup` literal goes through
/// `Escape.html`; only another `Markup` goes in as is. There is no generic interpolation, so a value of
/// any other type must be turned into text (escaped) or markup on purpose.
struct Markup: ExpressibleByStringInterpolation, Sendable {
    private(set) var html: String

    init(stringLiteral value: String) { html = value }
    init(stringInterpolation: Interpolation) { html = stringInterpolation.html }
    private init(raw: String) { html = raw }

    struct Interpolation: StringInterpolationProtocol {
        var html = ""
        init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { html += literal }
        mutating func appendInterpolation(_ text: String) { html += Escape.html(text) }
        mutating func appendInterpolation(_ number: Int) { html += String(number) }
        mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        mutating func appendInterpolation(_ list: [Markup]) { for item in list { html += item.html } }
    }

    /// `markup` when `condition` holds, else nothing.
    static func when(_ condition: Bool, _ markup: @autoclosure () -> Markup) -> Markup { condition ? markup() : "" }

    static func + (left: Markup, right: Markup) -> Markup { Markup(raw: left.html + right.html) }
}
