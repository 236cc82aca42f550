import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite

/// The reference data pulled for the day (D21), through the tables the server shares
/// (`ReferenceTables`), with the lookups a node's actions start from.
struct LocalReference {
    let store: NodeStore

    private var tables: ReferenceTables { ReferenceTables(db: store.database) }

    /// Replaces the reference data as a whole (call inside a transaction). Server state and the outbox
    /// are kept: they are keyed by codes, not by reference rows.
    func replace(with reference: ReferenceSnapshot) throws {
        let tables = tables
        try tables.removeAll()
        try store.database.execute("DELETE FROM credentials")
        for item in reference.credentials ?? [] {
            try store.database.run("""
                INSERT OR REPLACE INTO credentials(examiner, salt, iterations, hash, proof_salt) VALUES (?, ?, ?, ?, ?)
                """, [.text(item.examiner), .text(item.salt), .int(Int64(item.iterations)), .text(item.hash),
                      .optional(item.proofSalt)])
        }
        try tables.upsert(reference.centre)
        for item in reference.epreuves { try tables.upsert(item) }
        for item in reference.examiners { try tables.upsert(item) }
        for item in reference.groups { try tables.upsert(item) }
        for item in reference.candidates { try tables.upsert(item) }
        for item in reference.lots { try tables.upsert(item) }
        try store.config.set(ConfigKey.referenceVersion, reference.version)
    }

    /// Refuses to work before the reference data arrived (enrolment cut before it was fetched).
    func require() throws {
        guard try store.config.text(ConfigKey.referenceVersion) != nil else {
            throw NodeError(.noReference, "no reference data on this node yet")
        }
    }

    func epreuve(_ code: String) throws -> Epreuve? { try tables.epreuve(code) }

    func requireEpreuve(_ code: String) throws -> Epreuve {
        try require()
        guard let epreuve = try tables.epreuve(code) else {
            let known = try tables.epreuves().map(\.code)
            throw NodeError.refused("unknown épreuve \(code)",
                                    hint: known.isEmpty ? nil : "épreuves of this centre: \(known.joined(separator: ", "))")
        }
        return epreuve
    }

    /// The lot of this centre that holds the candidate for the épreuve, or the error naming what is wrong.
    func requireLot(epreuve: String, candidate: String, centre: String) throws -> Lot {
        let tables = tables
        if let id = try tables.lotHolding(epreuve: epreuve, candidate: candidate), let lot = try tables.lot(id),
           lot.centre == centre {
            return lot
        }
        if try !tables.isCandidate(candidate) { throw NodeError.refused("unknown candidate \(candidate)") }
        throw NodeError.refused("candidate \(candidate) is not in a lot of \(epreuve) at centre \(centre)")
    }

    /// A lot of this node's centre, or the error.
    func requireLot(_ id: String, centre: String) throws -> Lot {
        try require()
        guard let lot = try tables.lot(id), lot.centre == centre else {
            throw NodeError.refused("unknown lot \(id) at centre \(centre)")
        }
        return lot
    }

    /// The examiner must be of this centre (D6); the shared rules then check the lot's group.
    func requireExaminer(_ examiner: String, centre: String) throws {
        guard try tables.isExaminer(examiner, centre: centre) else {
            throw NodeError.refused("unknown examiner \(examiner) at centre \(centre)")
        }
    }

    func members(ofGroup id: String) throws -> Set<String> { try tables.members(ofGroup: id) }


    func lots(centre: String) throws -> [Lot] { try tables.lots(centre: centre) }
}
