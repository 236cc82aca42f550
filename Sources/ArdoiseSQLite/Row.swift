import CSQLite

/// The column names and SQL text of one prepared statement, shared by every row it returns
/// (one reference per row, never a copy of the names).
final class ResultColumns: Sendable {
    let names: [String]
    let sql: String

    init(names: [String], sql: String) {
        self.names = names
        self.sql = sql
    }

    /// The first column with exactly this name (as SQLite reports it: the alias when there is one).
    /// A linear scan: results have a handful of columns.
    func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}

/// One result row, read by column name: strict about types, and NULL only through the optional reads.
public struct Row: Sendable {
    public let values: [SQLValue]
    let columns: ResultColumns

    init(values: [SQLValue], columns: ResultColumns) {
        self.values = values
        self.columns = columns
    }

    /// The result's column names, in order.
    public var columnNames: [String] { columns.names }

    // MARK: By name (strict: the storage type must match, NULL only through the optional reads)
    // Error codes: SQLITE_RANGE for a name not in the result, SQLITE_MISMATCH for NULL or a wrong type.

    /// A TEXT value.
    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw isNull(column) }
        return value
    }

    /// An INTEGER value.
    public func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw isNull(column) }
        return value
    }

    /// An INTEGER value that fits in `Int`.
    public func int(_ column: String) throws -> Int {
        let value = try int64(column)
        guard let result = Int(exactly: value) else {
            throw failure(SQLITE_MISMATCH, "column '\(column)' holds \(value), too large for Int")
        }
        return result
    }

    /// A REAL value, or an INTEGER one converted (SQLite stores whole reals as integers in some cases).
    public func double(_ column: String) throws -> Double {
        guard let value = try optionalDouble(column) else { throw isNull(column) }
        return value
    }

    /// A BLOB value.
    public func bytes(_ column: String) throws -> [UInt8] {
        switch try value(column) {
        case .blob(let v): return v
        case .null: throw isNull(column)
        case let other: throw wrongType(column, other, expected: "BLOB")
        }
    }

    /// A TEXT value, or nil for NULL.
    public func optionalString(_ column: String) throws -> String? {
        switch try value(column) {
        case .text(let v): return v
        case .null: return nil
        case let other: throw wrongType(column, other, expected: "TEXT")
        }
    }

    /// An INTEGER value, or nil for NULL.
    public func optionalInt64(_ column: String) throws -> Int64? {
        switch try value(column) {
        case .int(let v): return v
        case .null: return nil
        case let other: throw wrongType(column, other, expected: "INTEGER")
        }
    }

    /// A REAL or INTEGER value, or nil for NULL.
    public func optionalDouble(_ column: String) throws -> Double? {
        switch try value(column) {
        case .double(let v): return v
        case .int(let v): return Double(v)
        case .null: return nil
        case let other: throw wrongType(column, other, expected: "REAL or INTEGER")
        }
    }

    private func value(_ column: String) throws -> SQLValue {
        guard let index = columns.index(of: column), index < values.count else {
            let list = columns.names.joined(separator: ", ")
            throw failure(SQLITE_RANGE, "no column '\(column)' in the result (columns: \(list))")
        }
        return values[index]
    }

    private func isNull(_ column: String) -> DatabaseError {
        failure(SQLITE_MISMATCH, "column '\(column)' is NULL")
    }

    private func wrongType(_ column: String, _ found: SQLValue, expected: String) -> DatabaseError {
        failure(SQLITE_MISMATCH, "column '\(column)' holds \(found.storageClass), not \(expected)")
    }

    private func failure(_ code: Int32, _ message: String) -> DatabaseError {
        DatabaseError(code: code, message: message, sql: columns.sql)
    }
}

extension SQLValue {
    /// The SQLite storage class, as `typeof()` names it (upper-cased).
    var storageClass: String {
        switch self {
        case .null: "NULL"
        case .int: "INTEGER"
        case .double: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}
