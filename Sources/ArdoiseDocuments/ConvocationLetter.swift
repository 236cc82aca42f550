import Foundation

/// One convocation as printed on its single A4 page, from plain values: whoever builds it (the
/// missions model) formats names and labels; this type only checks bounds and lays the page out.
public struct ConvocationLetter: Sendable, Equatable {
    /// "Académie de Toulouse"
    public var academie: String
    /// "Baccalauréat général et technologique, session 2021"
    public var session: String
    /// "Mme Élodie Bérénice"
    public var personName: String
    /// The person's school: "LPO Bellevue, Toulouse (0310038Y)"
    public var school: String
    /// "172278", or empty.
    public var missionNumber: String
    /// "Correction de copies épreuve EC"
    public var missionType: String
    /// "C001C, Histoire-géographie 3ème éval"
    public var epreuve: String
    /// "Correcteur", "Correcteur suppléant", ...; empty for missions without one (numérisation).
    public var qualite: String
    public var slots: [MissionSlot]
    /// "LPO Bellevue, salle 205, 135 route de Narbonne, Toulouse"
    public var place: String
    /// The observation text the centre typed for the convocation; may be empty.
    public var observation: String
    /// The head of school who signs: "M. Jean Dupré"
    public var headOfSchool: String
    /// Printed above the name: "Le chef d'établissement" unless given.
    public var signatoryTitle: String
    /// "Fait à Toulouse, le 12 janvier 2021"; may be empty.
    public var signedAt: String

    public static let maxFieldLength = 300
    public static let maxObservationLength = 2_000
    public static let maxSlots = 32

    public init(academie: String, session: String, personName: String, school: String, missionNumber: String = "",
                missionType: String, epreuve: String, qualite: String, slots: [MissionSlot], place: String,
                observation: String = "", headOfSchool: String, signatoryTitle: String = "Le chef d'établissement",
                signedAt: String = "") {
        self.academie = academie
        self.session = session
        self.personName = personName
        self.school = school
        self.missionNumber = missionNumber
        self.missionType = missionType
        self.epreuve = epreuve
        self.qualite = qualite
        self.slots = slots
        self.place = place
        self.observation = observation
        self.headOfSchool = headOfSchool
        self.signatoryTitle = signatoryTitle
        self.signedAt = signedAt
    }

    /// Refuses a letter that cannot be printed sensibly: a missing name, mission or date, a field too long.
    public func validate() throws {
        let required = [("académie", academie), ("person name", personName), ("mission type", missionType),
                        ("head of school", headOfSchool)]
        for (label, value) in required where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DocumentsError("the convocation's \(label) is empty")
        }
        let fields = required + [("session", session), ("school", school), ("mission number", missionNumber),
                                 ("épreuve", epreuve), ("qualité", qualite), ("place", place),
                                 ("signatory title", signatoryTitle), ("signed at", signedAt)]
        for (label, value) in fields where value.count > Self.maxFieldLength {
            throw DocumentsError("the convocation's \(label) is longer than \(Self.maxFieldLength) characters")
        }
        guard observation.count <= Self.maxObservationLength else {
            throw DocumentsError("the convocation's observation is longer than \(Self.maxObservationLength) characters")
        }
        guard !slots.isEmpty, slots.count <= Self.maxSlots else {
            throw DocumentsError("a convocation needs between 1 and \(Self.maxSlots) mission dates")
        }
        for slot in slots { try slot.validate() }
    }

    /// The one-page PDF document.
    public func document(creationDate: Date? = nil) throws -> PDFDocument {
        try validate()
        var document = PDFDocument(title: "Convocation - \(personName)", author: headOfSchool,
                                   creationDate: creationDate)
        var page = PDFPage()
        ConvocationLayout(letter: self).draw(on: &page)
        try document.append(page)
        return document
    }

    /// The PDF file's bytes.
    public func pdf(creationDate: Date? = nil) throws -> [UInt8] {
        try document(creationDate: creationDate).bytes()
    }

    /// "convocation-172278-elodie-berenice.pdf": ASCII, no spaces, safe as a zip entry or attachment name.
    public var suggestedFileName: String {
        let folded = personName.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for character in folded.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let number = missionNumber.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let parts = ["convocation"] + (number.isEmpty ? [] : [String(number.prefix(20))]) + words.prefix(6)
        return parts.joined(separator: "-") + ".pdf"
    }
}
