/// `;`-separated lines as French spreadsheets and the registration and payroll sides take them. A value
/// holding `;`, a quote or a line break is quoted, its quotes doubled; one a spreadsheet would run as a
/// formula gets a leading `'`.
public enum CSVWriter {
    /// One line, without its line end.
    public static func line(_ values: [String]) -> String {
        values.map(escape).joined(separator: ";")
    }

    /// A header then the rows, each line ended by a line feed.
    public static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { line($0) + "\n" }.joined()
    }

    static func escape(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
