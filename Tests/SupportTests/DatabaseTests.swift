import ArdoiseSQLite
import CSQLite
import Foundation
import Testing

private struct Abort: Error {}

/// A fresh database file in its own temporary folder; `remove()` deletes the folder.
private struct TemporaryDatabase {
    let folder = NSTemporaryDirectory() + "ardoise-db-\(UUID().uuidString)"
    let db: Database

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = try Database(path: folder + "/test.sqlite")
        try db.execute("CREATE TABLE item (id TEXT PRIMARY KEY, rev INTEGER, score REAL, data BLOB, note TEXT)")
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    func ids() throws -> [String] {
        try db.rows("SELECT id FROM item ORDER BY id").map { try $0.string("id") }
    }

    func insert(_ id: String) throws {
        try db.run("INSERT INTO item (id) VALUES (?)", [.text(id)])
    }
}

/// The error `body` throws, if any. Used inside transaction bodies instead of `#expect(throws:)`:
/// with Swift 6.3 a closure-taking `#expect` nested in another closure ran the wrong closure.
private func thrown(_ body: () throws -> Void) -> (any Error)? {
    do { try body() } catch { return error }
    return nil
}

/// The SQLite binding through a real database file: strict reads by column name, savepoints.
@Suite struct DatabaseTests {
    @Test func readsByNameWithTheirTypesIncludingAnAlias() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        try temp.db.run("INSERT INTO item VALUES (?, ?, ?, ?, ?)", ["a", 7, .double(2.5), .blob([1, 2, 255]), "hi"])
        let row = try #require(try temp.db.row("SELECT id, rev, score, data, note, rev * 2 AS twice FROM item"))
        #expect(row.columnNames == ["id", "rev", "score", "data", "note", "twice"])
        #expect(try row.string("id") == "a")
        #expect(try row.int64("rev") == 7)
        #expect(try row.int("twice") == 14)
        #expect(try row.double("score") == 2.5)
        #expect(try row.double("rev") == 7.0)
        #expect(try row.bytes("data") == [1, 2, 255])
        #expect(try row.optionalString("note") == "hi")
        #expect(try row.optionalInt64("rev") == 7)
        #expect(try row.optionalDouble("score") == 2.5)
        // Single-column reads take the first column, strictly typed too.
        #expect(try temp.db.scalarText("SELECT id FROM item") == "a")
        #expect(try temp.db.scalarInt("SELECT rev FROM item") == 7)
        #expect(throws: DatabaseError.self) { try temp.db.scalarInt("SELECT id FROM item") }
    }

    @Test func aNullInARequiredReadThrowsNamingTheColumn() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        try temp.insert("a")
        let sql = "SELECT id, rev, score, data, note FROM item"
        let row = try #require(try temp.db.row(sql))
        let error = #expect(throws: DatabaseError.self) { try row.int64("rev") }
        #expect(error?.message == "column 'rev' is NULL")
        #expect(error?.code == SQLITE_MISMATCH && error?.sql == sql)
        let note = #expect(throws: DatabaseError.self) { try row.string("note") }
        #expect(note?.message == "column 'note' is NULL")
        let score = #expect(throws: DatabaseError.self) { try row.double("score") }
        #expect(score?.message == "column 'score' is NULL")
        let data = #expect(throws: DatabaseError.self) { try row.bytes("data") }
        #expect(data?.message == "column 'data' is NULL")
        #expect(try row.optionalInt64("rev") == nil)
        #expect(try row.optionalString("note") == nil)
        #expect(try row.optionalDouble("score") == nil)
    }

    @Test func anUnknownColumnOrAWrongTypeThrowsNamingThem() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        try temp.db.run("INSERT INTO item (id, rev, note) VALUES ('a', 1, 'x')")
        let row = try #require(try temp.db.row("SELECT id, rev FROM item"))
        let unknown = #expect(throws: DatabaseError.self) { try row.int64("revv") }
        #expect(unknown?.message == "no column 'revv' in the result (columns: id, rev)")
        #expect(unknown?.code == SQLITE_RANGE)
        // Still an error for the optional reads: a misspelt name must not read as NULL.
        let optional = #expect(throws: DatabaseError.self) { try row.optionalInt64("revv") }
        #expect(optional?.message == "no column 'revv' in the result (columns: id, rev)")

        let sql = "SELECT note AS rev FROM item"
        let text = try #require(try temp.db.row(sql))
        let wrong = #expect(throws: DatabaseError.self) { try text.int64("rev") }
        #expect(wrong?.message == "column 'rev' holds TEXT, not INTEGER")
        #expect(wrong?.code == SQLITE_MISMATCH && wrong?.sql == sql)
        let wrongOptional = #expect(throws: DatabaseError.self) { try text.optionalInt64("rev") }
        #expect(wrongOptional?.message == "column 'rev' holds TEXT, not INTEGER")
        let integer = #expect(throws: DatabaseError.self) { try row.string("rev") }
        #expect(integer?.message == "column 'rev' holds INTEGER, not TEXT")
    }

    @Test func aFailedInnerSavepointUndoesOnlyItsOwnWork() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        let db = temp.db
        #expect(!db.isInTransaction)
        var inside = false
        var errors: [(any Error)?] = []
        try db.transaction {
            inside = db.isInTransaction
            try temp.insert("A")
            errors.append(thrown {
                try db.savepoint {
                    try temp.insert("B")
                    throw Abort()
                }
            })
            try db.savepoint { try temp.insert("C") }
            // Two levels deep: each depth has its own savepoint name.
            try db.savepoint {
                try temp.insert("D")
                errors.append(thrown {
                    try db.savepoint {
                        try temp.insert("E")
                        throw Abort()
                    }
                })
            }
        }
        #expect(inside && !db.isInTransaction)
        #expect(errors.count == 2 && errors.allSatisfy { $0 is Abort })
        #expect(try temp.ids() == ["A", "C", "D"])
    }

    @Test func aNestedTransactionIsASavepoint() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        let db = temp.db
        var error: (any Error)?
        var stillOpen = false
        try db.transaction {
            try temp.insert("A")
            try db.transaction { try temp.insert("B") }
            error = thrown {
                try db.transaction {
                    try temp.insert("C")
                    throw Abort()
                }
            }
            stillOpen = db.isInTransaction
        }
        #expect(error is Abort && stillOpen)
        #expect(try temp.ids() == ["A", "B"])
    }

    @Test func anOuterFailureRollsBackASuccessfulInnerSavepoint() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        let db = temp.db
        let error = thrown {
            try db.transaction {
                try temp.insert("A")
                try db.savepoint { try temp.insert("B") }
                throw Abort()
            }
        }
        #expect(error is Abort && !db.isInTransaction)
        #expect(try temp.ids().isEmpty)
        // The connection is usable again afterwards.
        try db.transaction { try temp.insert("Z") }
        #expect(try temp.ids() == ["Z"])
    }
}

/// Issue 8 item 4: a NUL inside a value is stored and read back whole, not a place where it stops.
@Suite struct DatabaseTextTests {
    @Test func textWithANulIsKeptWhole() throws {
        let temp = try TemporaryDatabase()
        defer { temp.remove() }
        let value = "abc\u{0}def é"
        try temp.db.run("INSERT INTO item (id, note) VALUES (?, ?)", ["a", .text(value)])
        let row = try #require(try temp.db.row("SELECT note, length(CAST(note AS BLOB)) AS bytes FROM item"))
        #expect(try row.string("note") == value)
        #expect(try row.int64("bytes") == Int64(value.utf8.count))
        try temp.db.run("INSERT INTO item (id, note) VALUES (?, ?)", ["b", ""])
        #expect(try temp.db.scalarText("SELECT note FROM item WHERE id = 'b'") == "")
    }
}
