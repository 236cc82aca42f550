/// What the registrations hold, for missions, convocations and the command line.
public struct RegistrationQueries: Sendable {
    let store: CentralStore

    public struct Counts: Sendable, Equatable {
        public var centres, epreuves, parts, candidates, registrations, assigned, fraud: Int
    }

    public func counts() throws -> Counts {
        try store.withDatabase { db in
            let tables = RegistrationTables(db: db)
            return Counts(centres: try tables.count("SELECT count(*) FROM registration_centres"),
                          epreuves: try tables.count("SELECT count(*) FROM registration_epreuves"),
                          parts: try tables.count("SELECT count(*) FROM epreuve_parts"),
                          candidates: try tables.count("SELECT count(*) FROM registered_candidates"),
                          registrations: try tables.count("SELECT count(*) FROM registrations"),
                          assigned: try tables.count("SELECT count(*) FROM registrations WHERE exam_centre IS NOT NULL"),
                          fraud: try tables.count("SELECT count(*) FROM registered_candidates WHERE fraud = 1"))
        }
    }

    /// Whether the registration system has finished assigning the épreuve's candidates (D2); nil for an
    /// épreuve it does not know.
    public func assignmentFinished(epreuve: String) throws -> Bool? {
        try store.withDatabase { db in
            try db.scalarInt("SELECT assignment_finished FROM registration_epreuves WHERE code = ?", [.text(epreuve)]).map { $0 != 0 }
        }
    }

    public func epreuves() throws -> [RegistrationEpreuve] {
        try store.withDatabase { try RegistrationTables(db: $0).epreuves() }
    }

    public func centres() throws -> [RegistrationCentre] {
        try store.withDatabase { try RegistrationTables(db: $0).centres() }
    }

    /// The exam centre a candidate sits an épreuve at, nil while unassigned.
    public func examCentre(candidate: String, epreuve: String) throws -> String? {
        try store.withDatabase { db in
            try db.scalarText("SELECT exam_centre FROM registrations WHERE candidate = ? AND epreuve = ?",
                              [.text(candidate), .text(epreuve)])
        }
    }
}
