/// The missions registrations call for (D1), a pure function of what is registered and assigned:
/// - one COEC per written épreuve-option (per part when it has parts) per scan centre scanning its candidates;
/// - one SSCAN per scan centre;
/// - one INEC per oral épreuve-option per exam centre where candidates sit it;
/// - one PRECE per ECE épreuve-option per exam centre where candidates sit it;
/// - one ACECE per ECE épreuve with registered candidates, at the académie, for its coordinators.
/// Unassigned candidates call for nothing yet: generating again once they are assigned adds the rest.
public enum MissionPlanner {
    /// Where a registered candidate sits an épreuve (exam and scan centre nil while unassigned).
    public struct Sitting: Hashable, Sendable {
        public var epreuve: String
        public var examCentre: String?
        public var scanCentre: String?

        public init(epreuve: String, examCentre: String?, scanCentre: String?) {
            self.epreuve = epreuve
            self.examCentre = examCentre
            self.scanCentre = scanCentre
        }
    }

    /// The missions, by id. Throws when ECE épreuves have candidates but no centre is the académie.
    public static func plan(epreuves: [RegistrationEpreuve], centres: [RegistrationCentre],
                            sittings: Set<Sitting>) throws -> [Mission] {
        var missions = Set<Mission>()
        for centre in centres where centre.kind == .scanCentre {
            missions.insert(Mission(type: .sscan, epreuve: nil, centre: centre.code))
        }
        let academie = centres.first { $0.kind == .academie }
        let byCode = Dictionary(epreuves.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for sitting in sittings {
            guard let epreuve = byCode[sitting.epreuve] else { continue }
            switch epreuve.kind {
            case .ecrit:
                guard let scan = sitting.scanCentre else { continue }
                let parts = epreuve.parts.isEmpty ? [nil] : epreuve.parts.map { Optional($0.code) }
                for part in parts { missions.insert(Mission(type: .coec, epreuve: epreuve.code, part: part, centre: scan)) }
            case .oral:
                if let centre = sitting.examCentre { missions.insert(Mission(type: .inec, epreuve: epreuve.code, centre: centre)) }
            case .ece:
                guard let academie else {
                    throw ServerError.invalid("ECE épreuve \(epreuve.code) has candidates but no centre is of type academie: "
                        + "its académie correction mission has nowhere to be")
                }
                missions.insert(Mission(type: .academieECE, epreuve: epreuve.code, centre: academie.code))
                if let centre = sitting.examCentre { missions.insert(Mission(type: .prece, epreuve: epreuve.code, centre: centre)) }
            }
        }
        return missions.sorted { $0.id < $1.id }
    }
}
