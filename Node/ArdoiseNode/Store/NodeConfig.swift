import ArdoiseSQLite

/// The node's `config` table: enrolment, cursors, clock and sequence, one value per key.
struct NodeConfig {
    let db: Database

    func text(_ key: String) throws -> String? {
        try db.scalarText("SELECT value FROM config WHERE key = ?", [.text(key)])
    }

    func int(_ key: String) throws -> Int64 {
        try text(key).flatMap { Int64($0) } ?? 0
    }

    func set(_ key: String, _ value: String) throws {
        try db.run("INSERT INTO config(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [.text(key), .text(value)])
    }

    func set(_ key: String, _ value: Int64) throws {
        try set(key, String(value))
    }
}

/// Keys of the `config` table.
enum ConfigKey {
    static let node = "node"
    static let token = "token"
    static let server = "server"
    static let centre = "centre"
    static let session = "session"
    static let label = "label"
    static let cursor = "cursor"
    static let referenceVersion = "reference_version"
    static let lastSync = "last_sync"
    static let hlc = "hlc"
    static let nextSeq = "next_seq"
    static let acked = "acked"
    /// The identity of the server database this node last synced with (see PushResponse.epoch).
    static let serverEpoch = "server_epoch"
    /// The server's audit head as last seen (`id:hash`): this node's witness of the log.
    static let auditWitness = "audit_witness"
    /// The PEM file of the CA trusted for the server's certificate; absent: the system's CAs.
    static let caFile = "ca_file"
}
