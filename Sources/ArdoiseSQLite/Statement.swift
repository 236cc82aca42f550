import CSQLite

/// A prepared statement, finalised when released.
public final class Statement {
    /// The connection, not the Database object: statements are cached by their Database, and
    /// `sqlite3_close_v2` keeps the connection alive until the last statement is finalised.
    let connection: OpaquePointer
    let pointer: OpaquePointer
    let sql: String
    /// Read once after prepare and shared by every row. SQLite re-prepares a statement by itself after a
    /// schema change; a changed column count (`SELECT *` after `ALTER TABLE`) makes us read them again.
    private var columns: ResultColumns

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw database.error(rc, sql) }
        self.connection = database.handle
        self.pointer = statement
        self.sql = sql
        self.columns = Self.readColumns(statement, sql: sql)
    }

    private static func readColumns(_ statement: OpaquePointer, sql: String) -> ResultColumns {
        let names = (0..<sqlite3_column_count(statement)).map { column in
            // NULL only when SQLite runs out of memory: a placeholder beats a crash.
            sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "#\(column)"
        }
        return ResultColumns(names: names, sql: sql)
    }

    deinit { sqlite3_finalize(pointer) }

    /// Binds every parameter: each one is set, so the old values need no clearing first.
    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(pointer)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(pointer, index)
            case .int(let v): rc = sqlite3_bind_int64(pointer, index, v)
            case .double(let v): rc = sqlite3_bind_double(pointer, index, v)
            case .text(let v): rc = Self.bindText(pointer, index, v)
            case .blob(let v):
                rc = v.withUnsafeBytes { sqlite3_bind_blob(pointer, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard rc == SQLITE_OK else { throw DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(connection)), sql: sql) }
        }
        // Parameters not given are NULL, as they were with sqlite3_clear_bindings.
        let count = sqlite3_bind_parameter_count(pointer)
        if values.count < Int(count) {
            for index in Int32(values.count + 1)...count { sqlite3_bind_null(pointer, index) }
        }
    }

    /// Binds text by its UTF-8 byte length, so that a NUL inside it is stored, not a place to stop.
    private static func bindText(_ statement: OpaquePointer, _ index: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no address; SQLite would store NULL for a null pointer.
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
            }
        }
    }

    /// Ends the current run so the statement holds no lock while it waits in a cache.
    public func reset() { sqlite3_reset(pointer) }

    /// Steps once: true while a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(pointer)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    /// Binds and runs to the end (for reused insert statements).
    public func run(_ values: [SQLValue]) throws {
        try bind(values)
        while try step() {}
    }

    /// The row the last `step()` reached.
    public func currentRow() -> Row {
        let count = sqlite3_column_count(pointer)
        if Int(count) != columns.names.count { columns = Self.readColumns(pointer, sql: sql) }
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(pointer, column) {
            case SQLITE_INTEGER: values.append(.int(sqlite3_column_int64(pointer, column)))
            case SQLITE_FLOAT: values.append(.double(sqlite3_column_double(pointer, column)))
            case SQLITE_TEXT:
                // By byte length, not up to the first NUL: a NUL inside a value is kept, not a cut.
                let count = Int(sqlite3_column_bytes(pointer, column))
                let bytes = sqlite3_column_text(pointer, column).map { UnsafeBufferPointer(start: $0, count: count) }
                values.append(.text(bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(pointer, column))
                if let base = sqlite3_column_blob(pointer, column) {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: base, count: count))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return Row(values: values, columns: columns)
    }
}
