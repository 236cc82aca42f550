/// Kinds of épreuve (DOMAIN glossary). Only `ece` is graded by nodes for now; the model keeps room for
/// written épreuves with item barèmes.
public enum EpreuveKind: String, Codable, Sendable {
    case ece, ecrit, oral
}

public struct Subject: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var bareme: Bareme

    public init(code: String, label: String, bareme: Bareme) {
        self.code = code
        self.label = label
        self.bareme = bareme
    }
}

public struct Epreuve: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var kind: EpreuveKind
    public var subjects: [Subject]

    public init(code: String, label: String, kind: EpreuveKind, subjects: [Subject]) {
        self.code = code
        self.label = label
        self.kind = kind
        self.subjects = subjects
    }

    public func subject(_ code: String) -> Subject? { subjects.first { $0.code == code } }
}
