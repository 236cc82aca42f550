import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// `ardoise-server` commands. One process owns the data folder: when a server runs, admin commands go
/// through its admin API; when none does, they open the store themselves.
public enum ServerCommands {
    public static let usage = """
        usage:
          ardoise-server load --data DIR FILE
          ardoise-server serve --data DIR [--listen 127.0.0.1:PORT]
          ardoise-server enrol --data DIR --centre CODE
          ardoise-server lots --data DIR
          ardoise-server nodes --data DIR
          ardoise-server unlock --data DIR --by COORD LOT --why TEXT
          ardoise-server conflicts --data DIR [--format text|json|html]
          ardoise-server resolve --data DIR ID --keep server|node|VALUE --by COORD
          ardoise-server credential --data DIR --examiner ID
          ardoise-server revoke --data DIR NODE
          ardoise-server check --data DIR
          ardoise-server audit --data DIR
        """

    /// Runs one command; what it prints goes to `out`.
    public static func run(_ words: [String], out: (String) -> Void) throws {
        guard let command = words.first else { throw CLIError.usage("missing command", hint: "see ardoise-server help") }
        let rest = Array(words.dropFirst())
        switch command {
        case "load":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 1)
            let session = try SessionLoader.read(path: try args.positional(0, "session file"))
            let summary = try admin(try args.required("data"),
                                    direct: { try SessionLoader.load(session, into: $0) }, remote: nil)
            out("loaded \(session.session): \(summary.centres) centres, \(summary.epreuves) épreuves, "
                + "\(summary.examiners) examiners, \(summary.candidates) candidates, \(summary.lots) lots")
        case "serve":
            let args = try Arguments(rest, valued: ["data", "listen"])
            try args.expectPositionals(atMost: 0)
            try serve(folder: try args.required("data"), listen: args.value("listen") ?? "127.0.0.1:8750", out: out)
        case "enrol":
            let args = try Arguments(rest, valued: ["data", "centre"])
            try args.expectPositionals(atMost: 0)
            let centre = try args.required("centre")
            let code = try admin(try args.required("data"),
                                 direct: { try $0.issueEnrolmentCode(centre: centre) },
                                 remote: { try $0.post("/enrol-code", EnrolCodeRequest(centre: centre), as: EnrolCodeResponse.self) })
            out("enrolment code for centre \(code.centre): \(code.code) (single use, expires \(code.expires))")
        case "lots":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 0)
            let lots = try admin(try args.required("data"), direct: { try $0.lotSummaries() },
                                 remote: { try $0.get("/lots", as: [LotSummary].self) })
            for lot in lots {
                let disputed = lot.disputed > 0 ? "  \(lot.disputed) disputed" : ""
                out("\(lot.id)  \(lot.epreuve)  centre \(lot.centre)  group \(lot.group)  \(lot.status.rawValue)  "
                    + "\(lot.done)/\(lot.candidates) done\(disputed)")
            }
        case "nodes":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 0)
            for node in try admin(try args.required("data"), direct: { try $0.nodes() },
                                  remote: { try $0.get("/nodes", as: [NodeSummary].self) }) {
                let revoked = node.revoked.map { "  revoked \($0)" } ?? ""
                out("\(node.id)  centre \(node.centre)  '\(node.label)'  acknowledged \(node.acknowledged)  "
                    + "received \(node.received)  enrolled \(node.enrolled)\(revoked)")
            }
        case "unlock":
            let args = try Arguments(rest, valued: ["data", "by", "why"])
            try args.expectPositionals(atMost: 1)
            let request = UnlockRequest(lot: try args.positional(0, "lot"), by: try args.required("by"), why: try args.required("why"))
            out(try admin(try args.required("data"),
                          direct: { try $0.unlock(lot: request.lot, by: request.by, why: request.why) },
                          remote: { try $0.post("/unlock", request, as: AdminMessage.self).message }))
        case "conflicts":
            let args = try Arguments(rest, valued: ["data", "format"])
            try args.expectPositionals(atMost: 0)
            guard let format = ConflictReport.Format(rawValue: args.value("format") ?? "text") else {
                throw CLIError.usage("--format must be text, json or html")
            }
            let records = try admin(try args.required("data"), direct: { try $0.conflicts() },
                                    remote: { try $0.get("/conflicts", as: [ConflictRecord].self) })
            out(try ConflictReport.render(records, as: format).trimmingCharacters(in: .newlines))
        case "resolve":
            let args = try Arguments(rest, valued: ["data", "keep", "by"])
            try args.expectPositionals(atMost: 1)
            let text = try args.positional(0, "conflict id")
            guard let id = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                throw CLIError.usage("conflict id must be a number, got '\(text)'")
            }
            let request = ResolveRequest(id: id, keep: try args.required("keep"), by: try args.required("by"))
            out(try admin(try args.required("data"),
                          direct: { try $0.resolve(conflict: request.id, keep: request.keep, by: request.by) },
                          remote: { try $0.post("/resolve", request, as: AdminMessage.self).message }))
        case "credential":
            let args = try Arguments(rest, valued: ["data", "examiner"])
            try args.expectPositionals(atMost: 0)
            let examiner = try args.required("examiner")
            let secret = try admin(try args.required("data"), direct: { try $0.issueCredential(examiner: examiner) },
                                   remote: { try $0.post("/credential", CredentialRequest(examiner: examiner), as: AdminMessage.self).message })
            out("secret for \(examiner): \(secret) (give it to the examiner; it is not stored and replaces any earlier one)")
        case "revoke":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 1)
            let node = try args.positional(0, "node id")
            out(try admin(try args.required("data"), direct: { try $0.revoke(node: node, by: "manager") },
                          remote: { try $0.post("/revoke", RevokeRequest(node: node), as: AdminMessage.self).message }))
        case "check":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 0)
            let (integrity, audit) = try admin(try args.required("data"),
                                               direct: { (try $0.integrityCheck(), try $0.verifyAudit()) }, remote: nil)
            guard integrity == "ok" else { throw CLIError("integrity check failed: \(integrity)") }
            out("integrity check: ok")
            if let problem = audit.problem {
                throw CLIError("audit log broken: \(problem) (\(audit.entries) entries verified before it)")
            }
            out("audit log: \(audit.entries) entries, hash chain intact")
        case "audit":
            let args = try Arguments(rest, valued: ["data"])
            try args.expectPositionals(atMost: 0)
            for entry in try admin(try args.required("data"), direct: { try $0.auditEntries() }, remote: nil) {
                out("\(entry.id)  \(entry.at)  \(entry.actor)  \(entry.action)  \(entry.detail)")
            }
        case "help", "--help", "-h":
            out(usage)
        default:
            throw CLIError.usage("unknown command '\(command)'", hint: "see ardoise-server help")
        }
    }

    /// Opens the store when no process holds the folder, else goes through the running server.
    private static func admin<T>(_ folder: String, direct: (CentralStore) throws -> T,
                                 remote: ((AdminClient) throws -> T)?) throws -> T {
        do {
            let store = try CentralStore.open(folder: folder)
            return try direct(store)
        } catch let error as CLIError where error.exitCode == 75 {
            guard let remote, let client = AdminClient.find(folder: folder) else {
                throw CLIError.retryLater("\(folder) is in use by process \(ProcessLock.holder(folder: folder) ?? "?")",
                                          hint: "stop the server to run this command")
            }
            return try remote(client)
        }
    }
}
