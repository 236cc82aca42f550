import ArdoiseSQLite

/// The reference data both the node and the server store (centres, épreuves, examiners, groups,
/// candidates, lots and who is in them), declared once. Each side's migrations produce these tables and
/// columns (the server adds its own, such as a lot's status); `ReferenceTables.check` checks them when a store opens, so the
/// two copies cannot drift apart again.
public enum ReferenceSchema {
    /// Table → the columns both sides have.
    public static let tables: [(name: String, columns: [String])] = [
        ("centres", ["code", "name"]),
        ("epreuves", ["code", "label", "kind", "body"]),
        ("examiners", ["id", "name", "centre"]),
        ("exam_groups", ["id", "epreuve", "centre"]),
        ("group_members", ["group_id", "examiner"]),
        ("candidates", ["number", "centre", "epreuves"]),
        ("lots", ["id", "epreuve", "centre", "group_id"]),
        ("lot_candidates", ["epreuve", "candidate", "lot", "position"]),
    ]

    /// The first table or column missing from `db`, in words, or nil when every one is there.
    static func problem(in db: Database) throws -> String? {
        for table in tables {
            let present = Set(try db.rows("SELECT name FROM pragma_table_info(?)", [.text(table.name)])
                .map { try $0.string("name") })
            if present.isEmpty { return "table \(table.name) is missing" }
            if let missing = table.columns.first(where: { !present.contains($0) }) {
                return "table \(table.name) has no column \(missing)"
            }
        }
        return nil
    }
}
