import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// What a node of one centre needs to work offline (D21): its candidates, lots, groups, examiners, the
/// épreuves they sit with subjects and barèmes, and the verifiers of its examiners.
public struct ReferenceFeed: Sendable {
    let store: CentralStore

    public func snapshot(centre code: String) throws -> ReferenceSnapshot {
        try store.withDatabase { db in
            let reference = ReferenceTables(db: db)
            guard let centre = try reference.centre(code) else { throw ServerError.notFound("unknown centre \(code)") }
            let lots = try reference.lots(centre: code)
            let codes = Set(lots.map(\.epreuve))
            return ReferenceSnapshot(
                version: try Meta(db: db).referenceVersion(), session: try Meta(db: db).session, centre: centre,
                epreuves: try reference.epreuves().filter { codes.contains($0.code) },
                examiners: try reference.examiners(centre: code), groups: try reference.groups(centre: code),
                candidates: try reference.candidates(centre: code), lots: lots,
                credentials: try CredentialIssuer.verifiers(centre: code, db))
        }
    }
}
