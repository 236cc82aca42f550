import ArdoiseSQLite

/// The store's key-value facts: the session it holds, its académie, and the reference version that
/// tells nodes to fetch the reference data again.
struct Meta {
    let db: Database

    func value(_ key: String) throws -> String? {
        try db.scalarText("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    func set(_ key: String, _ value: String) throws {
        try db.run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [.text(key), .text(value)])
    }

    /// Refuses data of another session than the one this folder holds.
    func requireSession(_ name: String) throws {
        if let existing = try value("session"), existing != name {
            throw ServerError.invalid("this data folder holds session '\(existing)', not '\(name)'")
        }
    }

    var session: String {
        get throws { try value("session") ?? "" }
    }

    /// This database's identity: made by a migration, and new in every backup copy (`Backup`).
    var epoch: String? {
        get throws { try value("epoch") }
    }

    func referenceVersion() throws -> Int64 {
        Int64(try value("reference_version") ?? "0") ?? 0
    }

    func bumpReferenceVersion() throws {
        try set("reference_version", String(try referenceVersion() + 1))
    }
}
