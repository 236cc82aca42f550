import ArdoiseNode
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSQLite
import Foundation

/// The merge in-process against raw SQLite, the database's size per sheet, and a real node (the
/// `ArdoiseNode` library over libcurl) bootstrapping and applying pulled changes, all on one store.
final class StoreBench {
    static let sheets = 10_000
    static let fieldsPerSheet = 6

    let central: Central
    let node: EnrolResponse
    let key: [UInt8]
    private var seq: Int64 = 1

    init() throws {
        central = try BenchSession.central("merge", BenchSession.file(centres: 1, perCentre: Self.sheets))
        key = try BenchSession.signingKey(central)
        node = try BenchSession.enrol(central, centre: "C0", count: 1)[0]
    }

    /// Grades of sheets `0..<count` for `round`, as this store's node numbers them.
    func operations(round: Int, count: Int = sheets) -> [SyncOperation] {
        defer { seq += Int64(count) }
        return (0..<count).map { index in
            BenchSession.grade(node: node.node, seq: seq + Int64(index), centre: 0, perCentre: Self.sheets, index: index,
                               round: round, key: key)
        }
    }

    /// Merges in-process, the function `/v1/push` calls, in pushes of at most `WireLimits.operationsPerPush`.
    func merge(_ operations: [SyncOperation]) throws {
        let identity = NodeIdentity(id: node.node, centre: "C0")
        for start in stride(from: 0, to: operations.count, by: WireLimits.operationsPerPush) {
            let batch = Array(operations[start..<min(start + WireLimits.operationsPerPush, operations.count)])
            let response = try central.push.push(node: identity, operations: batch)
            guard response.results.allSatisfy({ $0.outcome == .applied }) else {
                throw ServerError(500, "the benchmark push did not apply every operation")
            }
        }
    }

    /// The database's size in bytes, WAL content included (pages as the connection sees them).
    func databaseBytes() throws -> Double {
        try central.store.withDatabase { db in
            Double((try db.scalarInt("PRAGMA page_count") ?? 0) * (try db.scalarInt("PRAGMA page_size") ?? 0))
        }
    }

    /// The same field rows inserted with one prepared statement in one transaction.
    static func rawInserts(_ operations: [SyncOperation]) throws -> Double {
        let raw = try Database(path: folder("raw") + "/raw.sqlite")
        try raw.execute("""
            CREATE TABLE fields (epreuve TEXT NOT NULL, candidate TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                                 rev INTEGER NOT NULL, hlc TEXT NOT NULL, node TEXT NOT NULL, author TEXT NOT NULL,
                                 PRIMARY KEY (epreuve, candidate, field))
            """)
        return try seconds {
            try raw.transaction {
                let insert = try raw.prepare("INSERT INTO fields VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                var rev: Int64 = 0
                for op in operations {
                    for (field, value) in op.values {
                        rev += 1
                        try insert.run([.text(op.epreuve), .text(op.candidate ?? ""), .text(field), .text(value), .int(rev),
                                        .text(op.hlc.description), .text(op.node), .text(op.author)])
                    }
                }
            }
        }
    }

    func run() throws {
        let first = operations(round: 0)
        let raw = try Self.rawInserts(first)
        let before = try databaseBytes()
        let mergeTime = try seconds { try merge(first) }
        let graded = try databaseBytes()
        figure("raw_sqlite_ops_per_s", Double(Self.sheets) / raw, decimals: 0)
        figure("merge_ops_per_s", Double(Self.sheets) / mergeTime, decimals: 0)
        figure("merge_vs_raw_sqlite", raw / mergeTime, decimals: 2)
        figure("db_bytes_per_sheet", (graded - before) / Double(Self.sheets), decimals: 0)

        // A node pulls the whole centre: 100,002 field changes once these 6,667 sheets are graded again.
        try merge(operations(round: 1, count: 6_667))
        let server = try CentralServer(central: central, host: "127.0.0.1", port: 0, log: { _ in })
        server.start()
        defer { server.stop() }
        let lab = try Node.open(folder: folder("node"), create: true)
        let code = try central.enrolment.issueCode(centre: "C0").code
        let bootstrap = try seconds { try lab.enrolment.enrol(server: server.url, code: code, label: "bench", over: try lab.network()) }
        figure("node_bootstrap_100k_s", bootstrap, decimals: 2)
        try merge(operations(round: 2, count: 1_667))
        let apply = try seconds { try lab.sync.sync(over: try lab.network()) }
        figure("node_apply_10k_s", apply, decimals: 3)

        // Every sheet graded again ten times.
        let start = try databaseBytes()
        for round in 3..<13 { try merge(operations(round: round)) }
        let end = try databaseBytes()
        figure("db_bytes_per_sheet_after_10_regrades", (end - before) / Double(Self.sheets), decimals: 0)
        figure("db_growth_bytes_per_sheet_per_regrade", (end - start) / Double(Self.sheets) / 10, decimals: 0)
    }
}
