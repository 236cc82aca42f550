import ArdoiseDocuments
import ArdoiseHTTPClient
import ArdoiseSupport
import Foundation

/// The documents of convocations (D5): one PDF per convocation, a zip of the listed convocations the
/// user authored, and sending by e-mail to the person's professional address with a copy to the sender.
public struct ConvocationDocuments: Sendable {
    let store: CentralStore
    let convocations: Convocations
    let clock: WallClock

    /// One convocation as a PDF, with the file name it should have.
    public func pdf(_ id: Int64) throws -> (fileName: String, bytes: [UInt8]) {
        let page = try Self.page(try convocations.letter(id))
        return (page.suggestedFileName, try page.pdf(creationDate: clock.date))
    }

    /// The listed convocations that `author` made, one PDF each, in one zip; refused when there is none.
    public func zip(mission: String? = nil, staff: String? = nil, author: String = "manager") throws -> (count: Int, bytes: [UInt8]) {
        let letters = try convocations.list(mission: mission, staff: staff).filter { $0.author == author }
        guard !letters.isEmpty else { throw ServerError.notFound("no convocation of \(author) in that list") }
        var archive = ZipArchive(modified: clock.date)
        for letter in letters {
            let page = try Self.page(letter)
            try archive.add(name: "\(letter.id)-\(page.suggestedFileName)", bytes: try page.pdf(creationDate: clock.date))
        }
        return (letters.count, archive.bytes())
    }

    /// Sends one convocation to the person, a copy to `sender`, through the SMTP server of `settings`.
    public func send(_ id: Int64, from sender: String, settings: SMTPSettings, by actor: String = "manager") throws -> String {
        let letter = try convocations.letter(id)
        let page = try Self.page(letter)
        let message = ConvocationMail.message(letter: page, pdf: try page.pdf(creationDate: clock.date),
                                              from: MailAddress(sender), to: MailAddress(letter.person.email, name: letter.person.fullName))
        do {
            try Mailer(settings: settings).send(message, date: clock.date)
        } catch let error as DocumentsError {
            throw ServerError(error.isRetryable ? 503 : 502, error.message, hint: error.hint)
        }
        try store.write {
            try AuditLog(db: $0, clock: clock, key: store.auditKey).append(
                actor: actor, action: "convocation-sent", detail: "convocation \(id) to \(letter.person.email), copy to \(sender)")
        }
        return "convocation \(id) sent to \(letter.person.fullName) <\(letter.person.email)>, copy to \(sender)"
    }

    /// The printed page of a convocation, from what the store holds.
    static func page(_ letter: ConvocationLetter) throws -> ArdoiseDocuments.ConvocationLetter {
        let epreuve = [letter.mission.epreuveLabel, letter.mission.partLabel].compactMap { $0 }.joined(separator: ", ")
        return ArdoiseDocuments.ConvocationLetter(
            academie: letter.academie, session: letter.sessionLabel.isEmpty ? letter.session : letter.sessionLabel,
            personName: letter.person.fullName, school: letter.person.school.name, missionNumber: letter.mission.id,
            missionType: letter.mission.typeLabel, epreuve: epreuve, qualite: letter.qualite?.rawValue ?? "",
            slots: try letter.dates.map { try MissionSlot(date: $0.day, start: $0.start, end: $0.end) },
            place: letter.place.name, observation: letter.observation, headOfSchool: letter.signatory.name,
            signatoryTitle: letter.signatory.title)
    }
}
