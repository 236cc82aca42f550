/// A convocation with every value its letter needs (D3, D5): what the PDF, the e-mail and the web pages
/// print. One convocation is one person on one mission.
public struct ConvocationLetter: Codable, Sendable, Equatable {
    public var id: Int64
    public var academie: String
    public var session: String
    public var sessionLabel: String
    public var person: Person
    public var mission: MissionPart
    public var qualite: Qualite?
    public var dates: [ConvocationDate]
    /// The mission's centre, where the person goes.
    public var place: Centre
    public var observation: String
    /// The head of the mission's school, who signs.
    public var signatory: Signature
    /// Who convoked (D5: a user downloads and sends the convocations they authored).
    public var author: String
    public var createdAt: String
    public var updatedAt: String?

    public struct Person: Codable, Sendable, Equatable {
        public var id: String
        public var lastName: String
        public var firstName: String
        public var email: String
        /// As the letter prints it: first name, then last name.
        public var fullName: String
        public var school: Centre
    }

    public struct MissionPart: Codable, Sendable, Equatable {
        public var id: String
        public var type: MissionType
        public var typeLabel: String
        public var epreuve: String?
        public var epreuveLabel: String?
        public var partLabel: String?
    }

    public struct Centre: Codable, Sendable, Equatable {
        public var code: String
        /// Empty when the registrations do not name the code.
        public var name: String
    }
}

/// A school head's signature on its convocations: set once per school, replaced when set again.
public struct Signature: Codable, Sendable, Equatable {
    public var name: String
    public var title: String

    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }
}

/// A mission's saved dates and text, used by convocations that give none (003 §3).
public struct MissionDefaults: Codable, Sendable, Equatable {
    public var dates: [ConvocationDate]
    public var observation: String
}
