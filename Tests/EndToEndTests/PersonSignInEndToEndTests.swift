import Foundation
import Testing

/// Issue 9 item 6 end to end with the real `ardoise-server`: the manager issues personal secrets, a person
/// signs in with theirs and acts as themselves; the audit names them; their session token stays in their
/// own 0600 file outside the data folder; `--by` is gone.
@Suite(.timeLimit(.minutes(5))) struct PersonSignInEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("e2e-people")
    }

    var central: String { work + "/central" }
    var config: [String: String] { ["XDG_CONFIG_HOME": work + "/config"] }

    func server(_ words: [String], secret: String? = nil) throws -> Executables.Result {
        // `person secret` is one command of two words.
        let name = words.first == "person" ? 2 : 1
        return try bin.run("ardoise-server", Array(words.prefix(name)) + ["--data", central] + words.dropFirst(name),
                    environment: config.merging(secret.map { ["ARDOISE_SECRET": $0] } ?? [:]) { $1 })
    }

    @Test func aPersonSignsInActsAsThemselvesAndSignsOut() throws {
        #expect(try server(["load", Executables.example]).status == 0)
        // With the server stopped the manager issues secrets over the store; people act only through the server.
        let petit = try server(["person", "secret", "--person", "EX-PETIT"])
        #expect(petit.status == 0 && petit.out.hasPrefix("personal secret for EX-PETIT: "), "\(petit.err)")
        let stopped = try server(["unlock", "L-PC-AMP-1", "--why", "try"])
        #expect(stopped.status == 75 && stopped.err.contains("no server runs"), "\(stopped.err)")
        let unknown = try server(["person", "secret", "--person", "NOBODY"])
        #expect(unknown.status == 1 && unknown.err.contains("unknown person NOBODY"))

        let running = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        #expect(try server(["unlock", "L-PC-AMP-1", "--why", "try"]).err.contains("nobody is signed in"))
        let wrong = try server(["sign-in", "--person", "EX-PETIT"], secret: "AAAA-BBBB-CCCC")
        #expect(wrong.status == 1 && wrong.err.contains("sign-in refused for EX-PETIT"), "\(wrong.err)")
        let signedIn = try server(["sign-in", "--person", "EX-PETIT"], secret: Executables.issued(petit.out))
        #expect(signedIn.status == 0 && signedIn.out.contains("as EX-PETIT (examiner of T011B at 0690001A)"), "\(signedIn.err)")

        // The session file: the person's own, outside the data folder, mode 0600, holding no secret.
        let host = String(url.dropFirst("http://".count)).replacingOccurrences(of: ":", with: "-")
        let file = work + "/config/ardoise/session-\(host).json"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try !String(contentsOfFile: file, encoding: .utf8).contains(Executables.issued(petit.out)))

        // An examiner may not unlock a lot centrally: refused, and the refusal is theirs.
        let refused = try server(["unlock", "L-PC-AMP-1", "--why", "try"])
        #expect(refused.status == 1 && refused.err.contains("EX-PETIT may not unlock the lots of T011B at 0690001A"), "\(refused.err)")
        #expect(try server(["sign-out"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try server(["unlock", "L-PC-AMP-1", "--why", "try"]).err.contains("nobody is signed in"))
        #expect(try server(["sign-in", "--help"]).out.contains("--person"))
        #expect(try server(["person", "secret", "--help"]).out.contains("--person"))
        bin.stop(running)
        let audit = try server(["audit"]).out
        #expect(audit.contains("EX-PETIT  sign-in") && audit.contains("EX-PETIT  refused") && audit.contains("EX-PETIT  sign-out"),
                "\(audit)")
        #expect(audit.contains("sign-in refused for EX-PETIT: unknown person or wrong secret"), "the wrong secret is audited")
    }
}
