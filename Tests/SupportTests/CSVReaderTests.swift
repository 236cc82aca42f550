import ArdoiseSupport
import Testing

/// The registration files' CSV reader: quotes, separators and line ends inside quotes, CRLF, BOM, bounds,
/// and a line and column for every error.
@Suite struct CSVReaderTests {
    func records(_ text: String, limits: CSVReader.Limits = CSVReader.Limits()) throws -> [CSVReader.Record] {
        try CSVReader(limits: limits).records(Array(text.utf8))
    }

    func error(_ text: String, limits: CSVReader.Limits = CSVReader.Limits()) -> CSVError? {
        do {
            _ = try CSVReader(limits: limits).records(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func plainQuotedDoubledQuotesAndSeparatorsInsideQuotes() throws {
        let read = try records("a;b;c\n1;\"x;y\";\"il dit \"\"oui\"\"\"\n;\"\";z\n")
        #expect(read == [.init(line: 1, fields: ["a", "b", "c"]), .init(line: 2, fields: ["1", "x;y", "il dit \"oui\""]),
                         .init(line: 3, fields: ["", "", "z"])])
    }

    @Test func crlfBomBlankLinesAndNoFinalNewline() throws {
        let read = try CSVReader().records([0xEF, 0xBB, 0xBF] + Array("code;nom\r\n\r\nA;Lycée\r\nB;Parc".utf8))
        #expect(read == [.init(line: 1, fields: ["code", "nom"]), .init(line: 3, fields: ["A", "Lycée"]),
                         .init(line: 4, fields: ["B", "Parc"])])
    }

    @Test func aLineEndInsideQuotesKeepsTheLineCount() throws {
        let read = try records("a;b\n\"deux\r\nlignes\";x\nc;d\n")
        #expect(read[1] == .init(line: 2, fields: ["deux\r\nlignes", "x"]))
        #expect(read[2] == .init(line: 4, fields: ["c", "d"]))
    }

    @Test func aQuoteNotClosedIsReportedWhereItOpens() {
        #expect(error("a;b\n1;\"open\n2;3\n") == CSVError(line: 2, column: 2, message: "a quote opened here is not closed"))
    }

    @Test func strayQuotesAndBareCarriageReturnsAreErrors() {
        #expect(error("a;b\n1;x\"y\n")?.description.hasPrefix("2:2: a quote inside an unquoted field") == true)
        #expect(error("a;b\n1;\"x\"y\n")?.description == "2:2: text after the closing quote of a quoted field")
        #expect(error("a;b\r1;2\n")?.description == "1:2: a carriage return not followed by a line feed")
    }

    @Test func boundsAndUTF8() {
        var limits = CSVReader.Limits()
        limits.maxFieldBytes = 4
        #expect(error("abcd;abcde\n", limits: limits)?.description == "1:2: a field longer than 4 bytes")
        limits.maxFields = 2
        #expect(error("a;b;c\n", limits: limits)?.description == "1:3: more than 2 fields")
        limits.maxBytes = 3
        #expect(error("a;b;c\n", limits: limits) != nil)
        do {
            _ = try CSVReader().records([0x61, 0x3B, 0xFF, 0x0A])
            Issue.record("invalid UTF-8 was read")
        } catch {
            #expect(error.description == "1:2: not UTF-8 text")
        }
    }

    @Test func tableColumnsUnknownMissingRepeatedAndRowWidth() {
        let unknown = CSVTable(Array("code;nom;couleur\n".utf8), required: ["code", "nom"])
        #expect(unknown.problems.map(\.description) == ["1:3: unknown column \"couleur\" (expected code;nom)"])
        let missing = CSVTable(Array("code\nA\n".utf8), required: ["code", "nom"])
        #expect(missing.problems.map(\.description) == ["1:2: missing column \"nom\""])
        let repeated = CSVTable(Array("code;code;nom\n".utf8), required: ["code", "nom"])
        #expect(repeated.problems.map(\.description) == ["1:2: column \"code\" given twice"])
        let short = CSVTable(Array("nom;code\n Lycée ;A\nB\n".utf8), required: ["code", "nom"])
        #expect(short.problems.map(\.description) == ["3:2: 1 fields, the header has 2"])
        #expect(short.rows.first?.value("nom") == "Lycée" && short.rows.first?.column("code") == 2)
    }
}
