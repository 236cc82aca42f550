import Foundation

/// A certificate authority made for one test with the `openssl` command, server certificates it signs,
/// and `openssl s_server` answering https on 127.0.0.1 with one of them: libcurl's certificate checks
/// tested without nginx.
struct ThrowawayPKI {
    let folder: String
    var caFile: String { folder + "/ca.pem" }

    /// The `openssl` command, when this machine has it.
    static let openssl: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// A new CA named `name` in a new temporary folder.
    init(name: String = "Ardoise test CA") throws {
        folder = NSTemporaryDirectory() + "ardoise-pki-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                      "-keyout", folder + "/ca.key", "-out", caFile, "-days", "2", "-subj", "/CN=\(name)"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// A server certificate for `names` (subjectAltName entries such as `IP:127.0.0.1`, `DNS:localhost`),
    /// signed by this CA; returns the certificate and key files.
    func serverCertificate(_ label: String, names: [String]) throws -> (certificate: String, key: String) {
        let key = "\(folder)/\(label).key", request = "\(folder)/\(label).csr", certificate = "\(folder)/\(label).pem"
        let extensions = "\(folder)/\(label).ext"
        try Self.run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                      "-out", request, "-subj", "/CN=\(label)"])
        let text = "subjectAltName=\(names.joined(separator: ","))\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        try text.write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.run(["x509", "-req", "-in", request, "-CA", caFile, "-CAkey", folder + "/ca.key", "-CAcreateserial",
                      "-out", certificate, "-days", "2", "-extfile", extensions])
        return (certificate, key)
    }

    /// `openssl s_server -www` on 127.0.0.1, a free port, presenting `certificate`.
    func serve(_ certificate: (certificate: String, key: String)) throws -> TLSTestServer {
        let output = "\(folder)/s_server-\(UUID().uuidString).out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.openssl ?? "openssl")
        process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate.certificate, "-key", certificate.key,
                             "-www"]
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle(forWritingAtPath: output)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // s_server prints "ACCEPT 127.0.0.1:PORT" once it listens.
        for _ in 0..<250 {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT ") }),
               let colon = line.lastIndex(of: ":"), let port = UInt16(line[line.index(after: colon)...]) {
                return TLSTestServer(process: process, port: port)
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        TLSTestServer(process: process, port: 0).stop()
        throw PKIError(message: "openssl s_server did not start: \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")")
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl ?? "openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PKIError(message: "openssl \(arguments.prefix(2).joined(separator: " ")) failed")
        }
    }
}

/// A running `openssl s_server`; stop it when done.
struct TLSTestServer {
    let process: Process
    let port: UInt16

    /// SIGKILL: the child inherits the test runner's blocked signal mask, so SIGTERM may never arrive.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct PKIError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
