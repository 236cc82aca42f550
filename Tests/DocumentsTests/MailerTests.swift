import ArdoiseHTTPClient
import Foundation
import Testing
@testable import ArdoiseDocuments

@Suite(.timeLimit(.minutes(1))) struct MailerTests {
    let sender = MailAddress("ce.0310038y@ac-toulouse.fr", name: "Lycée Bellevue – secrétariat")
    let recipient = MailAddress("elodie.foret@ac-toulouse.fr", name: "Élodie Forêt")

    @Test func convocationRoundTripThroughARealSMTPServer() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let letter = try PDFDocumentTests.letter()
        let pdf = try letter.pdf()
        let message = ConvocationMail.message(letter: letter, pdf: pdf, from: sender, to: recipient)
        try Mailer(settings: SMTPSettings(url: sink.url, connectTimeout: 5, totalTimeout: 20)).send(message)

        let received = try sink.message(1)
        #expect(received["mail_from"] as? String == sender.address)
        #expect(received["rcpt_tos"] as? [String] == [recipient.address, sender.address])
        #expect(received["subject"] as? String
            == "Convocation : Correction de copies épreuve EC, C001C, Histoire-géographie 3ème éval")
        #expect(received["from"] as? String == "Lycée Bellevue – secrétariat <ce.0310038y@ac-toulouse.fr>")
        #expect(received["to"] as? String == "Élodie Forêt <elodie.foret@ac-toulouse.fr>")
        #expect(received["cc"] as? String == "Lycée Bellevue – secrétariat <ce.0310038y@ac-toulouse.fr>")
        #expect((received["defects"] as? [String])?.isEmpty == true, "\(received["defects"] ?? "")")
        let body = received["body"] as? String ?? ""
        #expect(body.contains("lundi 1er février 2021, de 08h00 à 12h00"))
        #expect(body.contains("Qualité : Correcteur"))
        let attachments = received["attachments"] as? [[String: Any]] ?? []
        #expect(attachments.count == 1)
        #expect(attachments.first?["filename"] as? String == letter.suggestedFileName)
        #expect(attachments.first?["content_type"] as? String == "application/pdf")
        let data = (attachments.first?["data"] as? String).flatMap { Data(base64Encoded: $0) }
        #expect(data == Data(pdf), "the attached PDF differs from the one sent")
        // The raw message is 7-bit with CRLF lines no longer than 78 characters.
        let raw = (received["raw"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
        #expect(!raw.isEmpty && raw.allSatisfy { $0 < 0x80 })
        let longest = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n").map(\.utf8.count).max() ?? 0
        #expect(longest <= 78)
    }

    @Test func severalAttachmentsAndANonASCIIFileName() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let files = [MailAttachment(fileName: "première convocation.pdf", bytes: Array("%PDF-1.4 un".utf8)),
                     MailAttachment(fileName: "liste.zip", contentType: "application/zip", bytes: [0x50, 0x4B, 5, 6])]
        let message = MailMessage(from: MailAddress(sender.address), to: [recipient], cc: [MailAddress(sender.address)],
                                  subject: "Plain subject", body: "Ligne 1\nLigne 2\n.\nfin", attachments: files)
        try Mailer(settings: SMTPSettings(url: sink.url)).send(message)
        let received = try sink.message(1)
        #expect(received["subject"] as? String == "Plain subject")
        let body = (received["body"] as? String ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(body.contains("Ligne 1\nLigne 2\n.\nfin"), "\(body)")
        let attachments = received["attachments"] as? [[String: Any]] ?? []
        #expect(attachments.map { $0["filename"] as? String } == ["première convocation.pdf", "liste.zip"])
        #expect(attachments.map { $0["content_type"] as? String } == ["application/pdf", "application/zip"])
    }

    @Test func aRefusedRecipientIsAOneLineErrorNamingTheServer() throws {
        let sink = try SMTPSink(rejecting: recipient.address)
        defer { sink.stop() }
        let message = MailMessage(from: sender, to: [recipient], subject: "x", body: "x")
        do {
            try Mailer(settings: SMTPSettings(url: sink.url)).send(message)
            Issue.record("the refused recipient was accepted")
        } catch let error as DocumentsError {
            #expect(error.message.hasPrefix("mail not sent: refused by \(sink.url): RCPT failed: 550"), "\(error.message)")
            #expect(!error.message.contains("\n"))
            #expect(!error.isRetryable)
        }
    }

    @Test func anUnreachableServerIsRetryable() throws {
        // Port 1 on 127.0.0.1: nothing listens, the connection is refused at once.
        let message = MailMessage(from: sender, to: [recipient], subject: "x", body: "x")
        do {
            try Mailer(settings: SMTPSettings(url: "smtp://127.0.0.1:1", connectTimeout: 2, totalTimeout: 5)).send(message)
            Issue.record("sent to a closed port")
        } catch let error as DocumentsError {
            #expect(error.message.hasPrefix("mail not sent: could not connect to smtp://127.0.0.1:1"), "\(error.message)")
            #expect(error.isRetryable)
        }
    }

    @Test func otherProtocolsAndBadAddressesAreRefusedBeforeSending() throws {
        let message = MailMessage(from: sender, to: [recipient], subject: "x", body: "x")
        for url in ["http://127.0.0.1:1/", "file:///etc/passwd", "smtp127.0.0.1"] {
            #expect(throws: DocumentsError.self, "\(url)") { try Mailer(settings: SMTPSettings(url: url)).send(message) }
        }
        for address in ["a@b.fr\r\nRCPT TO:<x@y.fr>", "sans-arobase", "<a@b.fr>", "a b@c.fr", "@b.fr", "é@b.fr"] {
            var bad = message
            bad.to = [MailAddress(address)]
            #expect(throws: DocumentsError.self, "\(address)") { try bad.rendered() }
        }
        #expect(throws: HTTPClientError.self) {
            try SMTPTransport.send(from: "a@b.fr", recipients: [], message: [], settings: SMTPSettings(url: "smtp://127.0.0.1:1"))
        }
    }

    @Test func headersAreEncodedWordsAndFoldedLines() throws {
        let message = MailMessage(from: sender, to: [recipient], subject: String(repeating: "Réunion d'entente ", count: 8),
                                  body: "corps")
        let text = String(decoding: try message.rendered(date: Date(timeIntervalSince1970: 1_612_166_400),
                                                         boundary: "frontière-fixe"), as: UTF8.self)
        #expect(text.contains("Date: Mon, 01 Feb 2021 08:00:00 +0000\r\n"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(MailMessage.headerText("Convocation", used: 9) == "Convocation")
    }
}
