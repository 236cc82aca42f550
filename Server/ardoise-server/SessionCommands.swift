import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// The session and its lots: load the session file, follow the lots, lock or unlock one.
enum SessionCommands {
    static let load = Command(
        "load", summary: "load or reload the session file (centres, épreuves, examiners, candidates, lots)",
        options: [ServerTool.data,
                  .value("why", "TEXT", "the reason, when candidates with a grade or an attendance change lots (D13)")],
        positionals: [Positional("FILE", "the session file")]
    ) { arguments, console in
        let session = try SessionLoader.read(path: try arguments.positional("FILE"))
        let why = arguments.value("why")
        let summary = try StoreAccess.run(try arguments.required("data"), command: "load",
                                          direct: { try $0.sessions.load(session, why: why) })
        let counts = [count(summary.centres, "centre"), count(summary.epreuves, "épreuve"),
                      count(summary.examiners, "examiner"), count(summary.candidates, "candidate"), count(summary.lots, "lot")]
        console.out("loaded \(Escape.text(session.session)): " + counts.joined(separator: ", "))
    }

    /// "1 lot", "2 lots": every name here takes an s in the plural.
    static func count(_ number: Int, _ name: String) -> String {
        "\(number) \(name)\(number == 1 ? "" : "s")"
    }

    static let lots = Command(
        "lots", summary: "list the lots with their status and progress", options: [ServerTool.data]
    ) { arguments, console in
        let lots = try StoreAccess.run(try arguments.required("data"), command: "lots",
                                       direct: { try $0.progress.summaries() },
                                       remote: { try $0.get("/lots", as: [LotSummary].self) })
        for lot in lots {
            let disputed = lot.disputed > 0 ? "  \(lot.disputed) disputed" : ""
            console.out(Escape.text("\(lot.id)  \(lot.epreuve)  centre \(lot.centre)  group \(lot.group)  \(lot.status.rawValue)  "
                + "\(lot.done)/\(lot.candidates) done\(disputed)"))
        }
    }

    static let lock = Command(
        "lock", summary: "lock a lot centrally (every candidate graded or absent, none disputed), as the signed-in person",
        options: [ServerTool.data, why, asManager],
        positionals: [Positional("LOT", "the lot to lock")],
        discussion: "Allowed to the épreuve's coordinators, the centre's referent and the staff acting for the centre (D6, D12)."
    ) { arguments, console in
        let request = LotActionRequest(lot: try arguments.positional("LOT"), why: try arguments.required("why"))
        console.out(Escape.text(try asPersonOrManager(arguments, command: "lock", path: "/lock", request,
                                                      direct: { try $0.lots.lock(lot: request.lot, by: .manager, why: request.why) })))
    }

    static let unlock = Command(
        "unlock", summary: "reopen a locked lot, as the signed-in person, with the reason in the audit log",
        options: [ServerTool.data, why, asManager],
        positionals: [Positional("LOT", "the lot to reopen")],
        discussion: "Allowed to the épreuve's coordinators, the centre's referent and the staff acting for the centre (D6, D13)."
    ) { arguments, console in
        let request = LotActionRequest(lot: try arguments.positional("LOT"), why: try arguments.required("why"))
        console.out(Escape.text(try asPersonOrManager(arguments, command: "unlock", path: "/unlock", request,
                                                      direct: { try $0.lots.unlock(lot: request.lot, by: .manager, why: request.why) })))
    }

    static let why = Option.value("why", "TEXT", "the reason, kept in the audit log", required: true)
    static let asManager = Option.flag("as-manager", "act as the manager on the server machine (admin token), not as the signed-in person")

    /// Through the running server as whoever signed in (sign-in), or with `--as-manager` as the manager:
    /// in the store itself when no server runs, else through its admin API. `call` is the same request
    /// for both APIs (`/v1/people/…` or `/v1/admin/…`).
    static func asPersonOrManager<T>(_ arguments: ParsedArguments, command: String, call: (AdminClient) throws -> T,
                                     direct: (Central) throws -> T) throws -> T {
        let folder = try arguments.required("data")
        guard arguments.flag("as-manager") else { return try call(try SessionFile.client(folder: folder)) }
        return try withoutActuallyEscaping(call) { try StoreAccess.run(folder, command: command, direct: direct, remote: $0) }
    }

    static func asPersonOrManager<Body: Encodable>(_ arguments: ParsedArguments, command: String, path: String, _ body: Body,
                                                   direct: (Central) throws -> String) throws -> String {
        try asPersonOrManager(arguments, command: command, call: { try $0.post(path, body, as: AdminMessage.self).message }, direct: direct)
    }
}
