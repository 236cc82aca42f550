import ArdoiseSQLite
import CSQLite
import Foundation
import Testing

/// Issue 12: reader connections (pull, authentication) read the last commit without waiting for the
/// writer, cannot write, and never checkpoint, not even when they close last (STYLE: one writer
/// connection; Debian's SQLite 3.40 WAL-reset race).
@Suite struct ReaderConnectionTests {
    let folder = NSTemporaryDirectory() + "ardoise-reader-\(UUID().uuidString)"
    var path: String { folder + "/test.sqlite" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func aReaderSeesCommitsOnlyAndNeverWaitsForTheWriter() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE item (id INTEGER PRIMARY KEY)")
        try writer.run("INSERT INTO item (id) VALUES (1)")
        let reader = try Database.reader(path: path)
        try writer.execute("BEGIN IMMEDIATE")
        try writer.run("INSERT INTO item (id) VALUES (2)")
        // The writer holds its transaction: the reader answers at once, from the last commit.
        #expect(try reader.scalarInt("SELECT count(*) FROM item") == 1)
        try writer.execute("COMMIT")
        #expect(try reader.scalarInt("SELECT count(*) FROM item") == 2)
        // One snapshot holds still while the writer commits more.
        try reader.snapshot {
            #expect(try reader.scalarInt("SELECT count(*) FROM item") == 2)
            try writer.run("INSERT INTO item (id) VALUES (3)")
            #expect(try reader.scalarInt("SELECT count(*) FROM item") == 2)
        }
        #expect(try reader.scalarInt("SELECT count(*) FROM item") == 3)
        let refused = #expect(throws: DatabaseError.self) { try reader.run("INSERT INTO item (id) VALUES (4)") }
        #expect(refused.map { $0.code & 0xff == SQLITE_READONLY } == true)
    }

    @Test func aReaderClosingLastLeavesTheLogToTheWriter() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var writer: Database? = try Database(path: path)
        try writer?.execute("CREATE TABLE item (id INTEGER PRIMARY KEY); INSERT INTO item (id) VALUES (1)")
        var reader: Database? = try Database.reader(path: path)
        #expect(try reader?.scalarInt("SELECT count(*) FROM item") == 1)
        writer = nil
        let log = path + "-wal"
        let before = (try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        #expect(before > 0)
        reader = nil
        // A connection that checkpoints on close would have copied the log into the file and deleted it.
        #expect(FileManager.default.fileExists(atPath: log))
        #expect((try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) == before)
        #expect(try Database(path: path).scalarInt("SELECT count(*) FROM item") == 1)
    }

    @Test func aReaderRefusesADatabaseNotInWALMode() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var handle: OpaquePointer?
        #expect(sqlite3_open(path, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "CREATE TABLE item (id INTEGER)", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)
        #expect(throws: DatabaseError.self) { _ = try Database.reader(path: path) }
    }
}
