import ArdoiseSQLite
import ArdoiseSupport

/// An épreuve's harmonisation parameters (D15, D16), off until the manager turns them on; each change audited.
public struct EpreuveSettings: Codable, Sendable, Equatable {
    public var epreuve: String
    /// D15: a coordinator may change one copy's grade in a locked lot.
    public var editByCoordinator: Bool
    /// D16: a coordinator or the manager may transform the grades of a lot, part of one, or a corrector.
    public var harmoniseInMass: Bool

    public init(epreuve: String, editByCoordinator: Bool = false, harmoniseInMass: Bool = false) {
        self.epreuve = epreuve
        self.editByCoordinator = editByCoordinator
        self.harmoniseInMass = harmoniseInMass
    }

    /// The settings in force (both off when never set).
    static func of(_ epreuve: String, _ db: Database) throws -> EpreuveSettings {
        guard let row = try db.row("SELECT edit_by_coordinator, harmonise_in_mass FROM epreuve_settings WHERE epreuve = ?",
                                   [.text(epreuve)]) else { return EpreuveSettings(epreuve: epreuve) }
        return EpreuveSettings(epreuve: epreuve, editByCoordinator: try row.int("edit_by_coordinator") == 1,
                               harmoniseInMass: try row.int("harmonise_in_mass") == 1)
    }
}

/// The manager sets the parameters of the session's épreuves.
public struct EpreuveParameters: Sendable {
    let store: CentralStore
    let clock: WallClock

    /// Changes what is given (nil leaves a parameter as it is) and returns the settings in force.
    @discardableResult
    public func set(epreuve: String, editByCoordinator: Bool?, harmoniseInMass: Bool?) throws -> EpreuveSettings {
        guard editByCoordinator != nil || harmoniseInMass != nil else {
            throw ServerError.badRequest("nothing to set: give --edit-by-coordinator or --harmonise-in-mass")
        }
        return try store.write { db in
            guard try db.row("SELECT 1 AS found FROM epreuves WHERE code = ?", [.text(epreuve)]) != nil else {
                throw ServerError.notFound("épreuve: \(epreuve) is not an épreuve of the loaded session")
            }
            var settings = try EpreuveSettings.of(epreuve, db)
            settings.editByCoordinator = editByCoordinator ?? settings.editByCoordinator
            settings.harmoniseInMass = harmoniseInMass ?? settings.harmoniseInMass
            try db.run("""
                INSERT INTO epreuve_settings(epreuve, edit_by_coordinator, harmonise_in_mass, set_by, set_at) VALUES (?, ?, ?, 'manager', ?)
                ON CONFLICT(epreuve) DO UPDATE SET edit_by_coordinator = excluded.edit_by_coordinator,
                    harmonise_in_mass = excluded.harmonise_in_mass, set_by = excluded.set_by, set_at = excluded.set_at
                """, [.text(epreuve), .int(settings.editByCoordinator ? 1 : 0), .int(settings.harmoniseInMass ? 1 : 0), .text(clock.iso8601)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: "manager", action: "epreuve-settings",
                detail: "\(epreuve): edit by coordinator \(settings.editByCoordinator ? "on" : "off"), "
                    + "harmonise in mass \(settings.harmoniseInMass ? "on" : "off")")
            return settings
        }
    }

    public func get(epreuve: String) throws -> EpreuveSettings {
        try store.withDatabase { try EpreuveSettings.of(epreuve, $0) }
    }
}
