/// Where a service fait comes from (D18): derived from the correction data, or entered by hand.
public enum ServiceSource: String, Codable, Sendable {
    case calcul, saisie
}

/// One line of the services faits: the work one convoked person did on one mission. A derived line
/// (`calcul`) counts the days convoked and what the correction data shows; a hand entry (`saisie`)
/// carries its quantity in the column its unit names, and keeps its own id, author and note.
public struct ServiceFait: Codable, Sendable, Equatable {
    public var source: ServiceSource
    /// The hand entry's id (what `services delete` takes); nil on a derived line.
    public var entry: Int64?
    public var convocation: Int64
    public var mission: String
    public var type: MissionType
    public var epreuve: String?
    public var centre: String
    public var staff: String
    /// First name then last name, as the convocation prints it.
    public var name: String
    public var qualite: Qualite?
    public var days: Int?
    /// PRECE: distinct candidates whose sheet has a level or attendance written by this person.
    public var candidates: Int?
    /// COEC: copies graded by this person.
    public var copies: Int?
    public var note: String?
    public var author: String?
    public var createdAt: String?
}
