import Foundation
import Testing

/// Issue 9 item 5 (D5) with the real `ardoise-server`: a convocation as a PDF read back by poppler, a zip
/// of the convocations the manager made, and the e-mail through a real SMTP server on 127.0.0.1, to the
/// person's professional address with a copy to the sender and the PDF attached.
@Suite(.timeLimit(.minutes(3))) struct ConvocationDocumentsEndToEndTests {
    func tool(_ path: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aConvocationOnPaperInAZipAndByMail() throws {
        let bin = try Executables()
        let work = try Executables.workFolder("convocation-documents")
        let central = work + "/central"
        let examples = RegistrationsEndToEndTests.examples
        #expect(try bin.run("ardoise-server", ["import", "--data", central, examples]).status == 0)
        #expect(try bin.run("ardoise-server", ["staff", "import", "--data", central, examples + "/personnels.csv"]).status == 0)
        #expect(try bin.run("ardoise-server", ["missions", "generate", "--data", central]).status == 0)
        #expect(try bin.run("ardoise-server", ["signature", "set", "--data", central, "--school", "0690001A", "--name", "Anne Dupont",
                                               "--title", "Proviseure"]).status == 0)
        let made = try bin.run("ardoise-server", ["convoke", "--data", central, "--mission", "PRECE-T011B-0690001A", "--staff", "P00001",
                                                  "--staff", "P00037", "--date", "2026-06-17T08:00-12:00", "--observation", "Laboratoire B"])
        #expect(made.status == 0, "\(made.err)")

        let pdf = work + "/convocation-1.pdf"
        #expect(try bin.run("ardoise-server", ["convocations", "pdf", "--data", central, "--id", "1", "--out", pdf]).status == 0)
        let info = try tool("/usr/bin/pdfinfo", [pdf])
        #expect(info.status == 0 && info.out.contains("Pages:") && info.out.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 1") }, "\(info.out)")
        let text = try tool("/usr/bin/pdftotext", [pdf, "-"]).out
        #expect(text.contains("Camille MARTIN") && text.contains("Laboratoire B") && text.contains("Anne Dupont"), "\(text)")
        #expect(text.contains("17 juin 2026") && text.contains("08h00"), "\(text)")

        let zip = work + "/convocations.zip"
        let zipped = try bin.run("ardoise-server", ["convocations", "zip", "--data", central, "--mission", "PRECE-T011B-0690001A",
                                                    "--out", zip])
        #expect(zipped.out == "2 convocations written to \(zip)\n", "\(zipped.out)\(zipped.err)")
        let listing = try tool("/usr/bin/python3", ["-m", "zipfile", "-l", zip]).out
        #expect(listing.split(separator: "\n").count == 3 && listing.contains("1-") && listing.contains("2-"), "\(listing)")

        // A real SMTP server on loopback (aiosmtpd, see Tests/DocumentsTests/smtp_sink.py).
        let sink = URL(fileURLWithPath: work + "/sink")
        try FileManager.default.createDirectory(at: sink, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DocumentsTests/smtp_sink.py").path
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [script, sink.path, "60"]
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { _ = FileManager.default.createFile(atPath: sink.path + "/stop", contents: nil); server.waitUntilExit() }
        var port: String?
        for _ in 0..<200 where port == nil {
            port = try? String(contentsOf: sink.appendingPathComponent("port"), encoding: .utf8)
            if port == nil { usleep(50_000) }
        }
        let url = "smtp://127.0.0.1:" + (try #require(port))
        let sent = try bin.run("ardoise-server", ["convocations", "send", "--data", central, "--id", "1", "--smtp", url,
                                                  "--from", "ce.0690001a@ac-lyon.fr"])
        #expect(sent.status == 0 && sent.out.hasPrefix("convocation 1 sent to Camille MARTIN <"), "\(sent.out)\(sent.err)")
        func received(_ number: Int) throws -> [String: Any]? {
            for _ in 0..<200 {
                if let data = try? Data(contentsOf: sink.appendingPathComponent("message-\(number).json")) {
                    return try JSONSerialization.jsonObject(with: data) as? [String: Any]
                }
                usleep(50_000)
            }
            return nil
        }
        let message = try #require(try received(1))
        let recipients = message["rcpt_tos"] as? [String] ?? []
        #expect(recipients.count == 2 && recipients.last == "ce.0690001a@ac-lyon.fr", "\(recipients)")
        #expect((message["subject"] as? String)?.hasPrefix("Convocation") == true)
        let attachment = try #require((message["attachments"] as? [[String: Any]])?.first)
        let bytes = try #require(Data(base64Encoded: attachment["data"] as? String ?? ""))
        #expect(attachment["content_type"] as? String == "application/pdf" && bytes.starts(with: Array("%PDF-1.4".utf8)))
        #expect(try bin.run("ardoise-server", ["audit", "--data", central]).out.contains("convocation-sent"))

        // The same through the running server's admin API: the server sends, the command prints alike.
        let process = try bin.serve(data: central, listen: "127.0.0.1:0")
        let remote = try bin.run("ardoise-server", ["convocations", "send", "--data", central, "--id", "2", "--smtp", url,
                                                    "--from", "ce.0690001a@ac-lyon.fr"])
        bin.stop(process)
        #expect(remote.status == 0 && remote.out.hasPrefix("convocation 2 sent to "), "\(remote.out)\(remote.err)")
        let second = try #require(try received(2))
        #expect((second["rcpt_tos"] as? [String])?.count == 2 && (second["attachments"] as? [[String: Any]])?.count == 1)
    }
}
