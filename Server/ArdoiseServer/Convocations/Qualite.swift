/// What an intervenant is on a mission (D3): the role the correction side gives them (D6).
public enum Qualite: String, Codable, Sendable, CaseIterable {
    case correcteur = "correcteur"
    case correcteurSuppleant = "correcteur suppléant"
    case referentCorrection = "référent correction"
    case coordinateur = "coordinateur"
    case coordinateurAdjoint = "coordinateur adjoint"

    /// The qualités a mission type allows (D3). INEC takes COEC's: the seed (003 §5) says its convocation
    /// is made "as for the correction of copies". ACECE is for coordinators; SSCAN takes none.
    public static func allowed(for type: MissionType) -> [Qualite] {
        switch type {
        case .coec, .inec: return [.correcteur, .correcteurSuppleant, .referentCorrection]
        case .prece: return [.correcteur, .correcteurSuppleant, .coordinateur, .coordinateurAdjoint]
        case .academieECE: return [.coordinateur, .coordinateurAdjoint]
        case .sscan: return []
        }
    }

    /// The qualité when none is given: `correcteur` (003 §3), `coordinateur` on the académie's ECE
    /// mission, which has no correctors, none for scanning.
    public static func defaultQualite(for type: MissionType) -> Qualite? {
        switch type {
        case .coec, .inec, .prece: return .correcteur
        case .academieECE: return .coordinateur
        case .sscan: return nil
        }
    }

    /// The qualité `text` names for a mission of `type` (case and accents aside: `correcteur suppleant`),
    /// the default when `text` is nil, or a refusal naming the field and what is allowed.
    public static func resolve(_ text: String?, for type: MissionType) throws -> Qualite? {
        let allowed = allowed(for: type)
        guard let text else { return defaultQualite(for: type) }
        guard !allowed.isEmpty else {
            throw ServerError.badRequest("qualite: a \(type.rawValue) mission takes no qualité (D3)")
        }
        let key = SearchKey.make(text)
        guard let qualite = allCases.first(where: { SearchKey.make($0.rawValue) == key }), allowed.contains(qualite) else {
            throw ServerError.badRequest("qualite: \"\(text)\" is not a qualité of a \(type.rawValue) mission (allowed: "
                + allowed.map(\.rawValue).joined(separator: ", ") + "; D3)")
        }
        return qualite
    }
}
