import ArdoiseSQLite

/// The registration side's grades (Cyclades), as the product implements its receiving end (D18): a sent
/// grade overwrites what it holds, except a `DI` entered there by hand, and a `0` entered there by hand
/// where the correction side says `AB`.
struct RegistrationGradeBook {
    let db: Database

    enum Outcome: String, Sendable { case written, unchanged, keptDI = "kept DI", keptZero = "kept 0" }

    /// Receives one grade of a validation and says what it did.
    func receive(candidate: String, epreuve: String, value: String, validation: Int64, at: String) throws -> Outcome {
        if let held = try db.row("SELECT value, source FROM registration_grades WHERE candidate = ? AND epreuve = ?",
                                 [.text(candidate), .text(epreuve)]) {
            let current = try held.string("value"), source = try held.string("source")
            if source == Self.byHand && current == "DI" { return .keptDI }
            if source == Self.byHand && current == "0" && value == "AB" { return .keptZero }
            if source == Self.sent && current == value { return .unchanged }
        }
        try db.run("""
            INSERT INTO registration_grades(candidate, epreuve, value, source, validation, by, at) VALUES (?, ?, ?, ?, ?, 'validation', ?)
            ON CONFLICT(candidate, epreuve) DO UPDATE SET value = excluded.value, source = excluded.source,
                validation = excluded.validation, by = excluded.by, at = excluded.at
            """, [.text(candidate), .text(epreuve), .text(value), .text(Self.sent), .int(validation), .text(at)])
        return .written
    }

    static let sent = "transmis", byHand = "saisie"
}
