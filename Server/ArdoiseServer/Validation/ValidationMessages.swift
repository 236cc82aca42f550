/// What a validation did (D17, D18).
public struct ValidationReport: Codable, Sendable, Equatable {
    public var id: Int64
    public var epreuve: String
    /// "total" or "partial".
    public var kind: String
    public var candidates: Int
    public var sent: Int
    /// Of those sent, how many were AB.
    public var absent: Int
    public var held: [HeldGrade]
    /// The registration side's outcome per grade sent: written, unchanged, kept DI, kept 0.
    public var registration: [String: Int]
    /// Services faits lines sent to the missions side.
    public var services: Int

    public var summary: String {
        let outcomes = registration.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let reasons = Dictionary(grouping: held, by: \.reason).sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key)" }
        return "validation \(id) of \(epreuve): \(kind), \(sent) of \(candidates) grades sent (\(absent) AB)"
            + (held.isEmpty ? "" : ", \(held.count) held back (" + reasons.joined(separator: ", ") + ")")
            + "; registration side: \(outcomes.isEmpty ? "nothing" : outcomes); \(services) services faits to the missions side"
    }
}

public struct HeldGrade: Codable, Sendable, Equatable {
    public var candidate: String
    public var centre: String?
    public var reason: String
}

/// One grade a validation sent, and what the registration side made of it.
public struct SentGrade: Codable, Sendable, Equatable {
    public var validation: Int64
    public var candidate: String
    public var epreuve: String
    public var value: String
    public var outcome: String
    public var at: String
}
