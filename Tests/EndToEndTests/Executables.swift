import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `ardoise` and `ardoise-server` executables built beside the test bundle.
struct Executables {
    let folder: URL

    init() throws {
        // swift test runs the bundle from the build folder that also holds the products.
        var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ardoise").path) {
            candidate = candidate.deletingLastPathComponent()
        }
        guard FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ardoise-server").path) else {
            throw Failure("ardoise executables not found near \(CommandLine.arguments[0])")
        }
        folder = candidate
    }

    /// The example session file shipped in `examples/`.
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/session-bgt2026.json").path

    /// A new empty folder for one test's data folders.
    static func workFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "ardoise-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// What a command issued, from its line "…: VALUE (…)": a code, a secret.
    static func issued(_ output: String) -> String {
        output.components(separatedBy: ": ").dropFirst().first?.split(separator: " ").first.map(String.init) ?? ""
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Result {
        let status: Int32
        let out: String
        let err: String
    }

    /// Runs a command to its end.
    @discardableResult
    func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try execute(folder.appendingPathComponent(program), arguments, environment: environment)
    }

    /// The bash prefix that makes a process's files unable to grow past `fileKiB` (SIGXFSZ ignored, so
    /// writes fail with EFBIG): a real full disk as the process sees it.
    static func fileLimit(_ fileKiB: Int) -> String { "trap '' XFSZ; ulimit -f \(fileKiB); exec \"$0\" \"$@\"" }

    /// Runs a command whose files may not grow past `fileKiB`.
    @discardableResult
    func runLimited(_ program: String, _ arguments: [String], fileKiB: Int,
                    environment: [String: String] = [:]) throws -> Result {
        try execute(URL(fileURLWithPath: "/bin/bash"),
                    ["-c", Self.fileLimit(fileKiB), folder.appendingPathComponent(program).path] + arguments,
                    environment: environment)
    }

    private func execute(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `ardoise-server serve` and waits until it has written its endpoint; with `fileKiB`, the
    /// server's files may not grow past that size.
    func serve(data: String, listen: String, fileKiB: Int? = nil) throws -> Process {
        let process = Process()
        if let fileKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", Self.fileLimit(fileKiB),
                                 folder.appendingPathComponent("ardoise-server").path,
                                 "serve", "--data", data, "--listen", listen]
        } else {
            process.executableURL = folder.appendingPathComponent("ardoise-server")
            process.arguments = ["serve", "--data", data, "--listen", listen]
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? FileManager.default.removeItem(atPath: data + "/server.json")
        try process.run()
        for _ in 0..<200 {
            if FileManager.default.fileExists(atPath: data + "/server.json") { return process }
            usleep(50_000)
        }
        process.terminate()
        throw Failure("the server did not start")
    }

    func stop(_ process: Process) {
        process.terminate()
        process.waitUntilExit()
    }

    /// The URL the running server wrote.
    func url(data: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: data + "/server.json")))
        guard let url = (json as? [String: Any])?["url"] as? String else { throw Failure("no url in server.json") }
        return url
    }
}
