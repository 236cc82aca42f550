import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// What a node of one centre needs to work offline (D21): its candidates, lots, groups, examiners, the
/// épreuves they sit with subjects and barèmes, and the verifiers of its examiners.
///
/// For an épreuve run from registrations the convocation is the access right (D6): a group keeps only
/// the examiners convoked on the épreuve's PRECE mission at this centre, and an examiner convoked there
/// from another school is an examiner of this centre, whose verifier reaches its PCs.
public struct ReferenceFeed: Sendable {
    let store: CentralStore

    public func snapshot(centre code: String) throws -> ReferenceSnapshot {
        try store.withDatabase { db in
            let reference = ReferenceTables(db: db)
            guard let centre = try reference.centre(code) else { throw ServerError.notFound("unknown centre \(code)") }
            let lots = try reference.lots(centre: code)
            let codes = Set(lots.map(\.epreuve))
            let groups = try convokedGroups(try reference.groups(centre: code), db)
            let examiners = try examinersActing(at: code, groups: groups, reference.examiners(centre: code), db)
            return ReferenceSnapshot(
                version: try Meta(db: db).referenceVersion(), session: try Meta(db: db).session, centre: centre,
                epreuves: try reference.epreuves().filter { codes.contains($0.code) },
                examiners: examiners, groups: groups,
                candidates: try reference.candidates(centre: code), lots: lots,
                credentials: try CredentialIssuer.verifiers(examiners: examiners.map(\.id), db))
        }
    }

    /// The groups with, for épreuves run from registrations, only their convoked examiners.
    private func convokedGroups(_ groups: [ExaminerGroup], _ db: Database) throws -> [ExaminerGroup] {
        let access = AccessGrants(db: db)
        return try groups.map { group in
            guard let convocation = try access.examinerConvocation(epreuve: group.epreuve, centre: group.centre) else { return group }
            var kept = group
            kept.examiners = group.examiners.filter { convocation.staff.contains($0) }
            return kept
        }
    }

    /// The centre's examiners of the session file, and every examiner a group here names (convoked from
    /// another school), as examiners of this centre.
    private func examinersActing(at code: String, groups: [ExaminerGroup], _ home: [Examiner], _ db: Database) throws -> [Examiner] {
        var byID = Dictionary(home.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in Set(groups.flatMap(\.examiners)) where byID[id] == nil {
            guard let name = try db.scalarText("SELECT name FROM examiners WHERE id = ?", [.text(id)]) else { continue }
            byID[id] = Examiner(id: id, name: name, centre: code)
        }
        return byID.values.sorted { $0.id < $1.id }
    }
}
