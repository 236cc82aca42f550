import ArdoiseHTTPClient
import Foundation

/// Sends messages through an SMTP server with libcurl (ArdoiseHTTPClient's `SMTPTransport`, the one
/// module that talks to curl). The envelope sender is From; the recipients are To and Cc, so the
/// sender's copy travels as a Cc of the same message.
public struct Mailer: Sendable {
    public var settings: SMTPSettings

    public init(settings: SMTPSettings) {
        self.settings = settings
    }

    /// Throws a one-line `DocumentsError` naming the server: "mail not sent through smtp://…: …".
    public func send(_ message: MailMessage, date: Date = Date()) throws {
        let bytes = try message.rendered(date: date)
        do {
            try SMTPTransport.send(from: message.from.address, recipients: message.recipients, message: bytes,
                                   settings: settings)
        } catch let error as HTTPClientError {
            throw DocumentsError("mail not sent: \(error.description)",
                                 hint: "check the SMTP server setting (\(settings.url)) and that it is reachable",
                                 isRetryable: error.isRetryable)
        }
    }
}
