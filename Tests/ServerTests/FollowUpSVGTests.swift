@testable import ArdoiseServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Issue 10 item 4 (D14): each histogram is well-formed XML that a real parser (libxml2, through
/// Foundation's XMLParser) reads back, with the bars' counts and heights and the mean of the data.
@Suite struct FollowUpSVGTests {
    /// Every element with its attributes and text, in document order.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element { var name: String; var attributes: [String: String]; var text = "" }
        var all: [Element] = []
        var open: [Int] = []
        var error: Error?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(all.count)
            all.append(Element(name: name, attributes: attributes))
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if let last = open.last { all[last].text += string } }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

        static func parse(_ svg: String) throws -> [Element] {
            let parser = XMLParser(data: Data(svg.utf8))
            let elements = Elements()
            parser.delegate = elements
            guard parser.parse(), elements.error == nil else { throw elements.error ?? parser.parserError ?? CocoaError(.coderReadCorrupt) }
            return elements.all
        }

        static func number(_ element: Element, _ name: String) -> Double? { element.attributes[name].flatMap(Double.init) }
    }

    @Test func d14EachHistogramParsesAndItsBarsAreTheData() throws {
        let report = try FollowUpStatisticsTests.day().central.followUp.report()
        #expect(report.statistics.count == 5, "one histogram for the épreuve and one per corrector")
        for line in report.statistics {
            let elements = try Elements.parse(HistogramSVG.render(line))
            let who = line.examiner ?? "all"
            #expect(elements.first?.name == "svg" && elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(!elements.contains { ["script", "foreignObject", "image", "a", "style"].contains($0.name) }, "self-contained, no script")
            #expect(!elements.contains { $0.attributes.keys.contains { $0.hasSuffix("href") || $0.hasPrefix("on") } })
            #expect(elements.contains { $0.name == "text" && $0.attributes["class"] == "title" && $0.text.contains("T011B") && $0.text.contains(line.examiner ?? "all correctors") })

            let bars = elements.filter { $0.name == "rect" && $0.attributes["class"] == "bar" }
            #expect(bars.map { Elements.number($0, "data-bin") } == (0..<20).map(Double.init), "\(who): 20 bins in order")
            #expect(bars.map { Int($0.attributes["data-count"] ?? "") } == line.grades.histogram, "\(who): counts are the data")
            let highest = Double(line.grades.histogram.max() ?? 0)
            for (bar, count) in zip(bars, line.grades.histogram) {
                let height = try #require(Elements.number(bar, "height"))
                #expect(abs(height - Double(count) / highest * Double(HistogramSVG.plotHeight)) < 0.01, "\(who): bar height follows its count")
                #expect(abs(try #require(Elements.number(bar, "y")) + height - Double(HistogramSVG.top + HistogramSVG.plotHeight)) < 0.01, "bars stand on the axis")
            }
            let labels = elements.filter { $0.attributes["class"] == "count" }.map(\.text)
            #expect(labels == line.grades.histogram.filter { $0 > 0 }.map(String.init), "\(who): each bar's count printed on it")
            #expect(elements.filter { $0.attributes["class"] == "tick" }.map(\.text) == (0...20).map(String.init), "axis 0 to 20")

            let mean = try #require(elements.first { $0.name == "line" && $0.attributes["class"] == "mean" })
            let expected = try #require(line.grades.mean)
            #expect(abs(try #require(Elements.number(mean, "data-mean")) - expected) < 0.005)
            #expect(abs(try #require(Elements.number(mean, "x1")) - (Double(HistogramSVG.left) + expected * HistogramSVG.binWidth)) < 0.01,
                    "\(who): the mean is marked where it lies on the axis")
        }
    }

    @Test func d14WhatPeopleTypedIsEscapedAndFileNamesStayInTheFolder() throws {
        let line = StatisticsLine(epreuve: "T<1>&\"", examiner: "../E'1\u{1B}", grades: GradeStatistics(grades: []), absent: 2, disputed: 0)
        let elements = try Elements.parse(HistogramSVG.render(line))
        let title = try #require(elements.first { $0.attributes["class"] == "title" })
        #expect(title.text.contains("T<1>&\"") && title.text.contains("../E'1"))
        #expect(!elements.contains { $0.name == "line" && $0.attributes["class"] == "mean" }, "no grade, no mean")
        #expect(HistogramSVG.fileName(for: line) == "T_1___-___E_1_.svg")
        #expect(HistogramSVG.fileName(for: StatisticsLine(epreuve: "T011B", examiner: nil, grades: .init(grades: []), absent: 0, disputed: 0)) == "T011B.svg")
    }
}
