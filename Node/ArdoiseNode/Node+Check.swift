extension Node {
    /// `PRAGMA integrity_check` of the node's database: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try database.integrityCheck()
    }
}
