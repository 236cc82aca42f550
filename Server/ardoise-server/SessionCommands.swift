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
        options: [ServerTool.data,
                  .value("why", "TEXT", "the reason, kept in the audit log", required: true)],
        positionals: [Positional("LOT", "the lot to lock")],
        discussion: "Allowed to the épreuve's coordinators, the centre's referent and the staff acting for the centre (D6, D12)."
    ) { arguments, console in
        let request = LotActionRequest(lot: try arguments.positional("LOT"), why: try arguments.required("why"))
        let client = try SessionFile.client(folder: try arguments.required("data"))
        console.out(Escape.text(try client.post("/lock", request, as: AdminMessage.self).message))
    }

    static let unlock = Command(
        "unlock", summary: "reopen a locked lot, as the signed-in person, with the reason in the audit log",
        options: [ServerTool.data,
                  .value("why", "TEXT", "the reason, kept in the audit log", required: true)],
        positionals: [Positional("LOT", "the lot to reopen")]
    ) { arguments, console in
        let request = LotActionRequest(lot: try arguments.positional("LOT"), why: try arguments.required("why"))
        // The actor is whoever signed in (sign-in), through the running server.
        let client = try SessionFile.client(folder: try arguments.required("data"))
        console.out(Escape.text(try client.post("/unlock", request, as: AdminMessage.self).message))
    }
}
