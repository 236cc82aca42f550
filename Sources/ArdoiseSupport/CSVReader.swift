/// Reads `;`-separated UTF-8 text as the registration system exports it: an optional BOM, LF or CRLF
/// line ends, fields quoted with `"` (a doubled `""` is one quote; `;` and line ends allowed inside).
/// Bounded: the whole input, each field, the fields of a record and the records are capped, so a file
/// cannot make the reader hold more than its limits. Every error names its line and column (the field
/// number, from 1), where the problem starts.
public struct CSVReader: Sendable {
    public struct Limits: Sendable {
        public var maxBytes = 64 << 20
        public var maxFieldBytes = 1_024
        public var maxFields = 64
        public var maxRecords = 1_000_000
        public init() {}
    }

    /// One record and the line it starts on (a quoted field may span lines).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    private static let semicolon: UInt8 = 0x3B, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// Every record, blank lines left out. Throws the first problem.
    public func records(_ bytes: [UInt8]) throws(CSVError) -> [Record] {
        guard bytes.count <= limits.maxBytes else {
            throw CSVError(line: 1, column: 1, message: "the file is larger than \(limits.maxBytes) bytes")
        }
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var quoted = false  // the current field was quoted: it exists even when empty
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endField() throws(CSVError) {
            guard fields.count < limits.maxFields else {
                throw CSVError(line: line, column: fields.count + 1, message: "more than \(limits.maxFields) fields")
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: line, column: fields.count + 1, message: "not UTF-8 text")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func endRecord() throws(CSVError) {
            try endField()
            if !(fields.count == 1 && fields[0].isEmpty) {  // a blank line is no record
                guard records.count < limits.maxRecords else {
                    throw CSVError(line: recordLine, column: 1, message: "more than \(limits.maxRecords) records")
                }
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }
        func append(_ byte: UInt8) throws(CSVError) {
            guard field.count < limits.maxFieldBytes else {
                throw CSVError(line: line, column: fields.count + 1, message: "a field longer than \(limits.maxFieldBytes) bytes")
            }
            field.append(byte)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote && field.isEmpty && !quoted {
                // A quoted field runs to the next lone quote, across separators and lines.
                let openLine = line, column = fields.count + 1
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw CSVError(line: openLine, column: column, message: "a quote opened here is not closed")
                    }
                    let inner = bytes[index]
                    if inner == Self.quote {
                        if index + 1 < bytes.count && bytes[index + 1] == Self.quote {
                            try append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == Self.lf { line += 1 }
                    try append(inner)
                    index += 1
                }
                quoted = true
                if index < bytes.count, ![Self.semicolon, Self.cr, Self.lf].contains(bytes[index]) {
                    throw CSVError(line: line, column: column, message: "text after the closing quote of a quoted field")
                }
                continue
            }
            switch byte {
            case Self.quote:
                throw CSVError(line: line, column: fields.count + 1,
                               message: "a quote inside an unquoted field (quote the whole field and double the quote)")
            case Self.semicolon:
                try endField()
            case Self.cr:
                guard index + 1 < bytes.count, bytes[index + 1] == Self.lf else {
                    throw CSVError(line: line, column: fields.count + 1, message: "a carriage return not followed by a line feed")
                }
                index += 1
                try endRecord()
                line += 1
                recordLine = line
            case Self.lf:
                try endRecord()
                line += 1
                recordLine = line
            default:
                try append(byte)
            }
            index += 1
        }
        if !field.isEmpty || quoted || !fields.isEmpty { try endRecord() }
        return records
    }
}

/// A problem in a CSV file, where it starts: line and column (field number) from 1.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
