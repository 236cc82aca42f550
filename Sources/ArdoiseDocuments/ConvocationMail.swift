/// The e-mail that carries one convocation: to the person's professional address, a copy to the
/// sender (D5), the PDF attached under the letter's file name.
public enum ConvocationMail {
    public static func message(letter: ConvocationLetter, pdf: [UInt8], from sender: MailAddress,
                               to recipient: MailAddress) -> MailMessage {
        let what = letter.epreuve.isEmpty ? letter.missionType : "\(letter.missionType), \(letter.epreuve)"
        var lines = ["Bonjour,", "",
                     "Veuillez trouver ci-joint votre convocation (\(letter.session)) :", "",
                     "  \(what)"]
        if !letter.qualite.isEmpty { lines.append("  Qualité : \(letter.qualite)") }
        lines += letter.slots.map { "  - \($0.frenchText)" }
        if !letter.place.isEmpty { lines.append("  Lieu : \(letter.place)") }
        lines += ["", "Cordialement,", letter.headOfSchool, letter.signatoryTitle]
        return MailMessage(
            from: sender, to: [recipient], cc: [sender], subject: "Convocation : \(what)",
            body: lines.joined(separator: "\n"),
            attachments: [MailAttachment(fileName: letter.suggestedFileName, bytes: pdf)])
    }
}
