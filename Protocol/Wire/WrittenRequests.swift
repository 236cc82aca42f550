import Foundation

/// Bodies of the written épreuves' API (issue 10 items 1–2): barèmes, distribution, central grading.
public struct BaremeDefineRequest: Codable, Sendable {
    public var epreuve: String
    public var subject: String
    public var label: String
    /// The barème file's name, for problems, and its bytes (`code;libelle;maximum;pas`).
    public var file: String
    public var contents: Data
    public init(epreuve: String, subject: String, label: String, file: String, contents: Data) {
        self.epreuve = epreuve
        self.subject = subject
        self.label = label
        self.file = file
        self.contents = contents
    }
}

public struct BaremeValidateRequest: Codable, Sendable {
    public var epreuve: String
    public var subject: String
    public init(epreuve: String, subject: String) {
        self.epreuve = epreuve
        self.subject = subject
    }
}

public struct WrittenDistributeRequest: Codable, Sendable {
    public var epreuve: String
    public var scanCentre: String
    public init(epreuve: String, scanCentre: String) {
        self.epreuve = epreuve
        self.scanCentre = scanCentre
    }
}

/// A corrector's entry on a written copy: item points as typed, or the candidate absent.
public struct WrittenGradeRequest: Codable, Sendable {
    public var epreuve: String
    public var candidate: String
    public var subject: String?
    public var items: [String: String]
    public var comment: String?
    public var absent: Bool
    public init(epreuve: String, candidate: String, subject: String? = nil, items: [String: String] = [:], comment: String? = nil,
                absent: Bool = false) {
        self.epreuve = epreuve
        self.candidate = candidate
        self.subject = subject
        self.items = items
        self.comment = comment
        self.absent = absent
    }
}

/// A sick corrector's remaining copies shared among the others (D13).
public struct WrittenRedistributeRequest: Codable, Sendable {
    public var lot: String
    public var why: String
    public init(lot: String, why: String) {
        self.lot = lot
        self.why = why
    }
}
