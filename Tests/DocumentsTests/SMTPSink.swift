import Foundation
import TestSupport

/// The Python aiosmtpd server of `smtp_sink.py`, run for one test on 127.0.0.1 and a free port.
/// Debian's system python has python3-aiosmtpd (scripts/setup); a pyenv python on PATH may not.
final class SMTPSink {
    let folder: URL
    let port: Int
    private let process: Process

    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_sink.py")

    init(rejecting rejected: String? = nil) throws {
        folder = try ToolRunner.temporaryFolder()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script.path, folder.path, "30"] + (rejected.map { [$0] } ?? [])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let log = FileManager.default.createFile(atPath: folder.appendingPathComponent("sink.log").path, contents: nil)
        process.standardError = log ? try FileHandle(forWritingTo: folder.appendingPathComponent("sink.log")) : nil
        try process.run()
        let portFile = folder.appendingPathComponent("port")
        var found: Int?
        for _ in 0..<200 where found == nil {
            if let text = try? String(contentsOf: portFile, encoding: .utf8) { found = Int(text) } else { usleep(50_000) }
        }
        guard let found else {
            process.terminate()
            let log = (try? String(contentsOf: folder.appendingPathComponent("sink.log"), encoding: .utf8)) ?? ""
            throw ToolRunner.Failure("the SMTP sink did not start (is python3-aiosmtpd installed? run scripts/setup): \(log)")
        }
        port = found
    }

    var url: String { "smtp://127.0.0.1:\(port)" }

    /// The JSON the sink wrote for the n-th message (from 1), waiting up to ten seconds for it.
    func message(_ number: Int) throws -> [String: Any] {
        let file = folder.appendingPathComponent("message-\(number).json")
        for _ in 0..<200 {
            if let data = try? Data(contentsOf: file),
               let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
                return object
            }
            usleep(50_000)
        }
        throw ToolRunner.Failure("the SMTP sink received no message \(number)")
    }

    /// Asks the sink to stop, waits for it (terminating it after five seconds), removes the folder.
    func stop() {
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stop").path, contents: nil)
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
