import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport

/// The examiner groups of an ECE épreuve at an exam centre (D10: ECE is shared correction by a group),
/// built by the centre from the examiners convoked on its PRECE mission, whatever their school (D6).
public struct ExaminerGroups: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Creates a group or replaces its members, in one transaction, audited; the lab PCs pull it.
    public func set(_ request: GroupRequest, by actor: Actor) throws -> GroupView {
        try store.write { db in
            let place = try CentreEpreuve.checked(epreuve: request.epreuve, centre: request.centre, for: .distribute, by: actor, db)
            let members = try Self.members(request.examiners)
            try admit(members, at: place, db)
            let id = try request.group.map { try existing($0, at: place, db) } ?? nextID(at: place, db)
            let before = try ReferenceTables(db: db).members(ofGroup: id).sorted()
            try ReferenceTables(db: db).upsert(ExaminerGroup(id: id, epreuve: place.epreuve, centre: place.centre, examiners: members))
            try Meta(db: db).bumpReferenceVersion()
            let was = before.isEmpty ? "new" : "was " + before.joined(separator: ", ")
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: actor.description, action: "group-set",
                detail: "group \(id) of \(place.epreuve) at \(place.centre): \(members.joined(separator: ", ")) (\(was))")
            return try Self.view(try place.group(id), place, db)
        }
    }

    /// The groups of the épreuve at the centre with their examiners and lots, for those who follow its lots.
    public func list(epreuve: String, centre: String, by actor: Actor) throws -> [GroupView] {
        try store.withDatabase { db in
            try CentreEpreuve.identifier(epreuve, "epreuve")
            try CentreEpreuve.identifier(centre, "centre")
            try AccessGrants(db: db).require(.follow, by: actor, epreuve: epreuve, centre: centre)
            let place = CentreEpreuve(db: db, epreuve: epreuve, centre: centre)
            return try place.groups().map { try Self.view($0, place, db) }
        }
    }

    static func view(_ group: ExaminerGroup, _ place: CentreEpreuve, _ db: Database) throws -> GroupView {
        let members = try group.examiners.map { id in
            GroupMember(id: id, name: try db.scalarText("SELECT name FROM examiners WHERE id = ?", [.text(id)]) ?? id)
        }
        return GroupView(id: group.id, epreuve: group.epreuve, centre: group.centre, examiners: members,
                         lots: try place.lotSizes().filter { $0.group == group.id })
    }

    /// The examiners named, checked and without repeats, in the order given.
    private static func members(_ examiners: [String]) throws -> [String] {
        guard !examiners.isEmpty else { throw ServerError.badRequest("examiners: a group needs at least one examiner") }
        var seen = Set<String>()
        return try examiners.filter { id in
            try CentreEpreuve.identifier(id, "examiners")
            return seen.insert(id).inserted
        }
    }

    /// D6: for an épreuve of the registrations every member is convoked on its PRECE mission here, and
    /// becomes an examiner of the reference (their credentials and the PCs need it); for one the
    /// registrations do not know, the session file's examiners.
    private func admit(_ members: [String], at place: CentreEpreuve, _ db: Database) throws {
        guard let convocation = try AccessGrants(db: db).examinerConvocation(epreuve: place.epreuve, centre: place.centre) else {
            let unknown = try members.filter { try db.row("SELECT 1 AS found FROM examiners WHERE id = ?", [.text($0)]) == nil }
            guard unknown.isEmpty else {
                throw ServerError.notFound("examiners: \(unknown.joined(separator: ", ")) not examiners of the session file")
            }
            return
        }
        let outside = members.filter { !convocation.staff.contains($0) }
        guard outside.isEmpty else {
            throw ServerError.conflict("examiners: \(outside.joined(separator: ", ")) not convoked on mission \(convocation.mission): "
                + "the convocation is the access right (D6)")
        }
        for id in members where try db.row("SELECT 1 AS found FROM examiners WHERE id = ?", [.text(id)]) == nil {
            guard let row = try db.row("SELECT first_name, last_name FROM staff WHERE id = ?", [.text(id)]) else {
                throw ServerError.notFound("examiners: \(id) not found in the staff directory")
            }
            let name = "\(try row.string("first_name")) \(try row.string("last_name"))"
            try ReferenceTables(db: db).upsert(Examiner(id: id, name: name, centre: place.centre))
        }
    }

    /// A group named by the request: one of this épreuve and centre, or a new id no other group holds.
    private func existing(_ id: String, at place: CentreEpreuve, _ db: Database) throws -> String {
        try CentreEpreuve.identifier(id, "group")
        guard let row = try db.row("SELECT epreuve, centre FROM exam_groups WHERE id = ?", [.text(id)]) else { return id }
        guard try row.string("epreuve") == place.epreuve, try row.string("centre") == place.centre else {
            throw ServerError.conflict("group: \(id) is a group of \(try row.string("epreuve")) at \(try row.string("centre"))")
        }
        return id
    }

    /// `T011B-0690001A-G1`, `…-G2`: the first number no group holds, readable on a roll call.
    private func nextID(at place: CentreEpreuve, _ db: Database) throws -> String {
        var number = 1
        while try db.row("SELECT 1 AS found FROM exam_groups WHERE id = ?", [.text("\(place.epreuve)-\(place.centre)-G\(number)")]) != nil {
            number += 1
        }
        let id = "\(place.epreuve)-\(place.centre)-G\(number)"
        try CentreEpreuve.identifier(id, "group")
        return id
    }
}
