import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// The académie's staff: imported from its CSV export, searched by discipline within a school or by name
/// across the académie, and completed by hand only by the manager (D4).
public struct StaffDirectory: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// `personnels.csv`'s columns.
    public static let columns = ["identifiant", "nom", "prenom", "etablissement", "discipline", "courriel"]
    /// A search by name lists at most this many people: the list narrows as the name is typed.
    public static let nameLimit = 50

    /// Reads and checks a staff file whole: the members, or every problem as `FILE:LINE:COLUMN: problem`.
    public static func read(path: String) -> (members: [StaffMember], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], ["\(path):1:1: cannot read the file"]) }
        return read(Array(data), path: path)
    }

    /// Reads and checks a staff file's bytes; `path` only names it in problems (the admin API gets bytes).
    public static func read(_ bytes: [UInt8], path: String) -> (members: [StaffMember], problems: [String]) {
        let table = CSVTable(bytes, required: columns)
        var problems = table.problems.map { "\(path):\($0)" }
        var members: [StaffMember] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let member = StaffMember(id: row.value("identifiant"), lastName: row.value("nom"), firstName: row.value("prenom"),
                                     school: row.value("etablissement"), discipline: row.value("discipline"),
                                     email: row.value("courriel"))
            let found = problemsOf(member)
            problems += found.map { "\(path):\(row.line):\(row.column($0.column)): \($0.column): \($0.message)" }
            if let first = seen[member.id] {
                problems.append("\(path):\(row.line):\(row.column("identifiant")): identifiant: duplicate \(member.id) (first on line \(first))")
            } else if found.isEmpty {
                seen[member.id] = row.line
                members.append(member)
            }
        }
        return (members, problems)
    }

    /// What is wrong with a member's fields, by CSV column.
    static func problemsOf(_ member: StaffMember) -> [(column: String, message: String)] {
        var problems: [(String, String)] = []
        let fields = [("identifiant", member.id), ("nom", member.lastName), ("prenom", member.firstName),
                      ("etablissement", member.school), ("discipline", member.discipline), ("courriel", member.email)]
        for (column, value) in fields {
            if value.isEmpty { problems.append((column, "empty")) }
            if value.utf8.count > 200 { problems.append((column, "longer than 200 bytes")) }
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.append((column, "a control character"))
            }
        }
        let parts = member.email.split(separator: "@", omittingEmptySubsequences: false)
        if !member.email.isEmpty && (parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || member.email.contains(" ")) {
            problems.append(("courriel", "\"\(member.email)\" is not an e-mail address"))
        }
        return problems
    }

    /// Adds or updates every member (by id); nobody is removed, since missions may name them.
    @discardableResult
    public func importMembers(_ members: [StaffMember], by actor: String = "manager") throws -> Int {
        try store.write { db in
            for member in members { try upsert(member, source: "import", db: db) }
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: actor, action: "import-staff",
                                                                           detail: "\(members.count) staff members")
            return members.count
        }
    }

    /// Creates someone the directory does not know: the manager's alone (D4).
    public func add(_ member: StaffMember, by requester: StaffRequester) throws {
        guard requester == .manager else {
            throw ServerError.forbidden("only the manager creates a member of staff (D4)")
        }
        if let problem = Self.problemsOf(member).first {
            throw ServerError.invalid("\(problem.column): \(problem.message)")
        }
        try store.write { db in
            if try db.row("SELECT 1 AS found FROM staff WHERE id = ?", [.text(member.id)]) != nil {
                throw ServerError.conflict("staff member \(member.id) exists already")
            }
            try upsert(member, source: "manager", db: db)
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "staff-add", detail: "\(member.id) \(member.lastName) \(member.firstName) (\(member.school))")
        }
    }

    /// The staff of `school` whose discipline contains `discipline` (case and accents aside), all selected.
    public func search(discipline: String, school: String) throws -> [StaffMatch] {
        let key = SearchKey.make(discipline)
        guard !key.isEmpty else { throw ServerError.badRequest("a discipline to search for is needed") }
        return try store.withDatabase { db in
            try db.rows("""
                SELECT * FROM staff WHERE school = ? AND instr(discipline_key, ?) > 0 ORDER BY last_name, first_name, id
                """, [.text(school), .text(key)]).map { StaffMatch(member: try Self.member($0), selected: true) }
        }
    }

    /// Anyone of the académie whose name holds every word of `name` (case and accents aside), none selected.
    public func search(name: String) throws -> [StaffMatch] {
        let words = SearchKey.make(name).split(separator: " ").map(String.init)
        guard !words.isEmpty else { throw ServerError.badRequest("a name to search for is needed") }
        let clause = words.map { _ in "instr(name_key, ?) > 0" }.joined(separator: " AND ")
        return try store.withDatabase { db in
            try db.rows("SELECT * FROM staff WHERE \(clause) ORDER BY last_name, first_name, id LIMIT \(Self.nameLimit)",
                        words.map { .text($0) }).map { StaffMatch(member: try Self.member($0), selected: false) }
        }
    }

    public func member(_ id: String) throws -> StaffMember? {
        try store.withDatabase { db in try db.row("SELECT * FROM staff WHERE id = ?", [.text(id)]).map(Self.member) }
    }

    private func upsert(_ member: StaffMember, source: String, db: Database) throws {
        try db.run("""
            INSERT INTO staff(id, last_name, first_name, school, discipline, email, name_key, discipline_key, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name,
                school = excluded.school, discipline = excluded.discipline, email = excluded.email,
                name_key = excluded.name_key, discipline_key = excluded.discipline_key
            """, [.text(member.id), .text(member.lastName), .text(member.firstName), .text(member.school),
                  .text(member.discipline), .text(member.email), .text(SearchKey.make(member.lastName + " " + member.firstName)),
                  .text(SearchKey.make(member.discipline)), .text(source)])
    }

    private static func member(_ row: Row) throws -> StaffMember {
        StaffMember(id: try row.string("id"), lastName: try row.string("last_name"), firstName: try row.string("first_name"),
                    school: try row.string("school"), discipline: try row.string("discipline"), email: try row.string("email"))
    }
}
