import ArdoiseSQLite

/// The session's coordinators: the only ones who may unlock lots and resolve report entries.
struct Coordinators {
    let db: Database

    func require(_ id: String) throws {
        guard try db.scalarText("SELECT id FROM coordinators WHERE id = ?", [.text(id)]) != nil else {
            throw ServerError.forbidden("\(id) is not a coordinator of this session")
        }
    }
}
