import Foundation

/// What convoking asks for (D3): who, on which mission, as what, when, with which text. Dates and text
/// left out are the mission's saved defaults; `saveDefaults` keeps those given for the next convocations.
public struct ConvocationRequest: Sendable, Equatable {
    public var mission: String
    public var staff: [String]
    /// A qualité's name; nil is the mission type's default (`Qualite.resolve`).
    public var qualite: String?
    /// Empty: the mission's saved dates.
    public var dates: [ConvocationDate]
    /// Nil: the mission's saved text, or none.
    public var observation: String?
    public var saveDefaults: Bool

    public init(mission: String, staff: [String], qualite: String? = nil, dates: [ConvocationDate] = [],
                observation: String? = nil, saveDefaults: Bool = false) {
        self.mission = mission
        self.staff = staff
        self.qualite = qualite
        self.dates = dates
        self.observation = observation
        self.saveDefaults = saveDefaults
    }
}

/// What editing a convocation changes: nil leaves a value as it is.
public struct ConvocationChange: Sendable, Equatable {
    public var qualite: String?
    public var dates: [ConvocationDate]?
    public var observation: String?

    public init(qualite: String? = nil, dates: [ConvocationDate]? = nil, observation: String? = nil) {
        self.qualite = qualite
        self.dates = dates
        self.observation = observation
    }

    public var isEmpty: Bool { qualite == nil && dates == nil && observation == nil }
}

/// The words printed on a letter: bounded, one line or several, no control character but newlines.
enum LetterText {
    /// The observation: up to `limit` characters, line ends made `\n`, surrounding blanks trimmed.
    static func observation(_ text: String, limit: Int = 2000) throws -> String {
        let normal = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard normal.count <= limit else { throw ServerError.badRequest("observation: longer than \(limit) characters") }
        if normal.unicodeScalars.contains(where: { $0 != "\n" && $0.properties.generalCategory == .control }) {
            throw ServerError.badRequest("observation: a control character (only line breaks are allowed)")
        }
        return normal
    }

    /// A one-line value (the signatory's name or title): not empty, up to 200 characters.
    static func line(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ServerError.badRequest("\(field): empty") }
        guard trimmed.count <= 200 else { throw ServerError.badRequest("\(field): longer than 200 characters") }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ServerError.badRequest("\(field): a control character")
        }
        return trimmed
    }
}
