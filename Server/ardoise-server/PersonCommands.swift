import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// People who act centrally: the manager issues their personal secret; each signs in as themselves and
/// keeps the session token in their own 0600 file (`SessionFile`).
enum PersonCommands {
    static let secret = Command(
        "person secret", summary: "issue a person's personal secret (coordinator, examiner, staff), replacing any earlier one",
        options: [ServerTool.data, .value("person", "ID", "the person", required: true)]
    ) { arguments, console in
        let person = try arguments.required("person")
        let secret = try StoreAccess.run(
            try arguments.required("data"), command: "person secret",
            direct: { try $0.personSecrets.issue(person: person) },
            remote: { try $0.post("/person-secret", PersonSecretRequest(person: person), as: AdminMessage.self).message })
        console.out(Escape.text("personal secret for \(person): \(secret) "
            + "(hand it to them; it is not stored, replaces any earlier one and ends their sessions)"))
    }

    static let signIn = Command(
        "sign-in", summary: "sign in to the running server as yourself (secret from ARDOISE_SECRET or typed)",
        options: [ServerTool.data, .value("person", "ID", "who you are", required: true)]
    ) { arguments, console in
        let person = try arguments.required("person")
        let url = try SessionFile.server(folder: try arguments.required("data"))
        let request = SignInRequest(person: person, secret: try readSecret(for: person))
        let answer = try AdminClient(url: url, token: "", prefix: "").post("/sign-in", request, as: SignInResponse.self)
        let file = SessionFile(server: url, person: answer.person, token: answer.token, expires: answer.expires)
        try file.save()
        console.out(Escape.text("signed in to \(url) as \(answer.person) (\(answer.roles.joined(separator: ", "))) "
            + "until \(answer.expires); session kept in \(SessionFile.path(server: url))"))
    }

    static let signOut = Command(
        "sign-out", summary: "end your session on the running server and forget its token",
        options: [ServerTool.data]
    ) { arguments, console in
        let url = try SessionFile.server(folder: try arguments.required("data"))
        let session = try SessionFile.load(server: url)
        // Forgotten here whatever the server says: an expired session is over anyway.
        defer { SessionFile.remove(server: url) }
        let message = try AdminClient(url: url, token: session.token, prefix: "")
            .post("/sign-out", [String: String](), as: AdminMessage.self).message
        console.out(Escape.text(message))
    }

    /// `ARDOISE_SECRET` when set (scripts), else typed on the terminal without echo, else one line of
    /// standard input. Never an argument: arguments show in `ps`.
    static func readSecret(for person: String) throws -> String {
        if let secret = ProcessInfo.processInfo.environment["ARDOISE_SECRET"], !secret.isEmpty { return secret }
        if isatty(0) == 1 {
            guard let typed = getpass("personal secret for \(person): ") else { throw CommandFailure("no secret typed for \(person)") }
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure.usage("no secret for \(person): set ARDOISE_SECRET or type it")
        }
        return line
    }
}
