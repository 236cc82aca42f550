/// A CSV file read against the columns it must have: the header line names them (in any order), an
/// unknown or repeated column and a missing required one are problems, and every row must have as many
/// fields as the header. Values are trimmed of surrounding spaces. Problems are collected, each with its
/// line and column, so that one run reports every bad row of a file.
public struct CSVTable: Sendable {
    /// One data row: its line, and its values by column name.
    public struct Row: Sendable {
        public let line: Int
        let values: [String]
        let index: [String: Int]

        /// The value of `column` ("" when an optional column is absent).
        public func value(_ column: String) -> String {
            index[column].map { values[$0] } ?? ""
        }

        /// The column number (from 1) of `column` in the file, for problems about its value.
        public func column(_ column: String) -> Int {
            (index[column] ?? 0) + 1
        }
    }

    public let rows: [Row]
    public let problems: [CSVError]

    /// Reads `bytes`; `required` columns must be in the header, `optional` ones may be.
    public init(_ bytes: [UInt8], required: [String], optional: [String] = [], reader: CSVReader = CSVReader()) {
        let records: [CSVReader.Record]
        do {
            records = try reader.records(bytes)
        } catch {
            rows = []
            problems = [error]
            return
        }
        guard let header = records.first else {
            rows = []
            problems = [CSVError(line: 1, column: 1, message: "empty file: a header line is needed ("
                + required.joined(separator: ";") + ")")]
            return
        }
        var problems: [CSVError] = []
        var index: [String: Int] = [:]
        let known = Set(required + optional)
        for (position, name) in header.fields.enumerated() {
            let name = name.csvTrimmed
            if !known.contains(name) {
                problems.append(CSVError(line: header.line, column: position + 1,
                                         message: "unknown column \"\(name)\" (expected \((required + optional).joined(separator: ";")))"))
            } else if index[name] != nil {
                problems.append(CSVError(line: header.line, column: position + 1, message: "column \"\(name)\" given twice"))
            } else {
                index[name] = position
            }
        }
        for name in required where index[name] == nil {
            problems.append(CSVError(line: header.line, column: header.fields.count + 1, message: "missing column \"\(name)\""))
        }
        var rows: [Row] = []
        if problems.isEmpty {
            for record in records.dropFirst() {
                guard record.fields.count == header.fields.count else {
                    problems.append(CSVError(line: record.line, column: min(record.fields.count, header.fields.count) + 1,
                                             message: "\(record.fields.count) fields, the header has \(header.fields.count)"))
                    continue
                }
                rows.append(Row(line: record.line, values: record.fields.map(\.csvTrimmed), index: index))
            }
        }
        self.rows = rows
        self.problems = problems
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    public var csvTrimmed: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
