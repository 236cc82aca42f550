import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// A person's session token on this machine: one 0600 file per server, outside the data folder (whoever
/// reads the data folder is not that person), in `$XDG_CONFIG_HOME/ardoise` or `~/.config/ardoise`.
struct SessionFile: Codable {
    var server: String
    var person: String
    var token: String
    var expires: String

    static func folder() -> String {
        let environment = ProcessInfo.processInfo.environment
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (config as NSString).appendingPathComponent("ardoise")
    }

    /// `session-127.0.0.1-8080.json` for `http://127.0.0.1:8080`.
    static func path(server: String) -> String {
        let name = server.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "")
            .map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
        return (folder() as NSString).appendingPathComponent("session-\(String(name)).json")
    }

    func save() throws {
        try FileManager.default.createDirectory(atPath: Self.folder(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try AtomicFile.write(try JSONCoding.encode(self), to: Self.path(server: server), mode: 0o600)
    }

    static func load(server: String) throws -> SessionFile {
        guard let data = FileManager.default.contents(atPath: path(server: server)),
              let session = try? JSONCoding.decode(SessionFile.self, from: Array(data)) else {
            throw CommandFailure("nobody is signed in to \(server) on this account",
                                 hint: "ardoise-server sign-in --data DIR --person ID")
        }
        return session
    }

    static func remove(server: String) {
        try? FileManager.default.removeItem(atPath: path(server: server))
    }

    /// The running server of `folder`: a person acts through it, never on the store directly.
    static func server(folder: String) throws -> String {
        guard let url = AdminClient.endpoint(folder: folder) else {
            throw CommandFailure.retryLater("no server runs on \(folder)",
                                            hint: "start it (ardoise-server serve): people act as themselves through it")
        }
        return url
    }

    /// A client of `/v1/people` with the signed-in person's session on the server of `folder`.
    static func client(folder: String) throws -> AdminClient {
        let url = try server(folder: folder)
        return AdminClient(url: url, token: try load(server: url).token, prefix: "/people")
    }
}
