import ArdoiseCLI
import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `convocations pdf|zip|send`: the convocations on paper and by mail (D5). The command line is the
/// manager's: the zip holds the convocations `manager` made (as a signed-in person: with issue 9 item 7).
enum ConvocationDocumentCommands {
    static let pdf = Command(
        "convocations pdf", summary: "write one convocation as a PDF",
        options: [ServerTool.data, .value("id", "N", "the convocation (see convocations list)", required: true),
                  .value("out", "FILE", "where to write the PDF (must not exist)", required: true)]
    ) { arguments, console in
        let id = try identifier(arguments)
        let out = try arguments.required("out")
        let document = try StoreAccess.run(try arguments.required("data"), command: "convocations pdf",
                                           direct: { try $0.convocationDocuments.pdf(id).bytes },
                                           remote: { try $0.bytes("/convocations/\(id)/pdf").body })
        try write(document, to: out)
        console.out(Escape.text("convocation \(id) written to \(out) (\(document.count / 1024) KiB)"))
    }

    static let zip = Command(
        "convocations zip", summary: "one zip of the listed convocations you made, a PDF each",
        options: [ServerTool.data, .value("mission", "ID", "only this mission's"), .value("staff", "ID", "only this person's"),
                  .value("out", "FILE", "where to write the zip (must not exist)", required: true)]
    ) { arguments, console in
        let out = try arguments.required("out")
        let mission = arguments.value("mission"), staff = arguments.value("staff")
        let archive = try StoreAccess.run(try arguments.required("data"), command: "convocations zip",
                                          direct: { try $0.convocationDocuments.zip(mission: mission, staff: staff) },
                                          remote: { client in
            let response = try client.bytes("/convocation-archive" + AdminClient.query([("mission", mission), ("staff", staff)]))
            guard let count = response.header(ArchiveCountHeader.count).flatMap(Int.init) else {
                throw CommandFailure("the server's zip came without its count")
            }
            return (count: count, bytes: response.body)
        })
        try write(archive.bytes, to: out)
        console.out(Escape.text("\(archive.count) convocation\(archive.count == 1 ? "" : "s") written to \(out)"))
    }

    static let send = Command(
        "convocations send", summary: "e-mail a convocation to the person's professional address, a copy to you",
        options: [ServerTool.data, .value("id", "N", "the convocation (see convocations list)", required: true),
                  .value("smtp", "URL", "the mail server, smtp://HOST:PORT or smtps://…", required: true),
                  .value("from", "ADDRESS", "your address: the sender, who gets the copy", required: true),
                  .flag("starttls", "require STARTTLS on smtp://")]
    ) { arguments, console in
        let id = try identifier(arguments)
        let settings = SMTPSettings(url: try arguments.required("smtp"), requireStartTLS: arguments.flag("starttls"))
        let from = try arguments.required("from")
        console.out(Escape.text(try StoreAccess.run(try arguments.required("data"), command: "convocations send",
                                                    direct: { try $0.convocationDocuments.send(id, from: from, settings: settings) },
                                                    remote: { client in
            // The server process connects to the mail server, as the direct path does.
            try client.post("/convocations/\(id)/send",
                            ConvocationSendRequest(smtp: settings.url, from: from, startTLS: settings.requireStartTLS),
                            as: AdminMessage.self).message
        })))
    }

    private static func identifier(_ arguments: ParsedArguments) throws -> Int64 {
        let text = try arguments.required("id")
        guard let id = Int64(text), id > 0 else { throw CommandFailure.usage("--id must be a convocation number, got '\(text)'") }
        return id
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path) already exists; nothing was written") }
        try AtomicFile.write(bytes, to: path, mode: 0o600)
    }
}
