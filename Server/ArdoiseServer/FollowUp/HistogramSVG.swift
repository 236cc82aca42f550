import ArdoiseProtocol
import ArdoiseSupport

/// A statistics line as a histogram a coordinator reads at a glance (D14): title, the counts, the axis
/// 0–20 in 20 bins, one bar per bin with its count above it, and the mean marked by a dashed line.
/// Hand-written SVG 1.1: self-contained (no script, no external reference, no style sheet), every value
/// a person typed escaped. Bars carry `data-bin` and `data-count`, the mean line `data-mean`, so that a
/// test (or a tool) reads the figures back.
public enum HistogramSVG {
    static let width = 720, height = 400
    static let left = 50, right = 30, top = 80, bottom = 60
    static var plotWidth: Int { width - left - right }
    static var plotHeight: Int { height - top - bottom }
    /// Pixels per point of grade: 32 with these sizes.
    static var binWidth: Double { Double(plotWidth) / Double(GradeStatistics.bins) }

    public static func render(_ line: StatisticsLine) -> String {
        let grades = line.grades
        let title = "Grades of \(line.epreuve), " + (line.examiner.map { "corrector \($0)" } ?? "all correctors")
        var summary = "\(grades.count) grade\(grades.count == 1 ? "" : "s")"
        if let mean = grades.mean, let deviation = grades.standardDeviation {
            summary += " · mean \(mean.formatted2) · standard deviation \(deviation.formatted2)"
        }
        summary += " · \(line.absent) absent, \(line.disputed) disputed (not counted)"
        let baseline = top + plotHeight
        let unit = Double(plotHeight) / Double(max(grades.histogram.max() ?? 0, 1))
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="sans-serif" font-size="12">
            <title>\(Escape.html(title))</title>
            <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
            <text class="title" x="\(left)" y="28" font-size="18" font-weight="bold">\(Escape.html(title))</text>
            <text class="summary" x="\(left)" y="52">\(Escape.html(summary))</text>

            """
        for (bin, count) in grades.histogram.enumerated() {
            let x = Double(left) + Double(bin) * binWidth + 2
            let h = Double(count) * unit
            let y = Double(baseline) - h
            svg += "<rect class=\"bar\" data-bin=\"\(bin)\" data-count=\"\(count)\" x=\"\(x.formatted2)\" y=\"\(y.formatted2)\" "
                + "width=\"\((binWidth - 4).formatted2)\" height=\"\(h.formatted2)\" fill=\"#4a7ab5\">"
                + "<title>\(GradeStatistics.label(ofBin: bin)): \(count)</title></rect>\n"
            if count > 0 {
                svg += "<text class=\"count\" x=\"\((x + binWidth / 2 - 2).formatted2)\" y=\"\((y - 4).formatted2)\" "
                    + "text-anchor=\"middle\">\(count)</text>\n"
            }
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(left + plotWidth)\" y2=\"\(baseline)\" stroke=\"#000000\"/>\n"
        for tick in 0...GradeStatistics.bins {
            let x = Double(left) + Double(tick) * binWidth
            svg += "<line x1=\"\(x.formatted2)\" y1=\"\(baseline)\" x2=\"\(x.formatted2)\" y2=\"\(baseline + 5)\" stroke=\"#000000\"/>"
                + "<text class=\"tick\" x=\"\(x.formatted2)\" y=\"\(baseline + 18)\" text-anchor=\"middle\">\(tick)</text>\n"
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 14)\" text-anchor=\"middle\">grade on 20</text>\n"
        if let mean = grades.mean {
            let x = (Double(left) + min(max(mean, 0), 20) * binWidth).formatted2
            svg += "<line class=\"mean\" data-mean=\"\(mean.formatted2)\" x1=\"\(x)\" y1=\"\(top - 8)\" x2=\"\(x)\" y2=\"\(baseline)\" "
                + "stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
                + "<text class=\"mean-label\" x=\"\(x)\" y=\"\(top - 16)\" text-anchor=\"middle\" fill=\"#c0392b\">mean \(mean.formatted2)</text>\n"
        } else {
            svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\">no grade yet</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// `T011B.svg` for an épreuve, `T011B-P00001.svg` for a corrector: letters, digits, `-` and `_` kept,
    /// anything else `_`, so that a code can never leave the folder or hide the file.
    public static func fileName(for line: StatisticsLine) -> String {
        let name = [line.epreuve, line.examiner].compactMap { $0 }.joined(separator: "-")
        let safe = String(name.unicodeScalars.map {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" ? Character($0) : "_"
        })
        return (safe.isEmpty ? "_" : safe) + ".svg"
    }
}
