/// What a hand-entered service fait counts: one of the columns of the export, so that the entry has
/// its place in it beside the derived lines.
public enum ServiceUnit: String, Codable, Sendable, CaseIterable {
    case jours, candidats, copies

    /// The unit `text` names, singular or plural, case and accents aside; a refusal naming the field.
    public static func resolve(_ text: String) throws -> ServiceUnit {
        var key = SearchKey.make(text)
        if !key.hasSuffix("s") { key += "s" }
        guard let unit = allCases.first(where: { $0.rawValue == key }) else {
            throw ServerError.badRequest("unit: \"\(text)\" is not one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return unit
    }
}
