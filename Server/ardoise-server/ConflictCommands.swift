import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// The conflict-resolution report and the coordinator's decision on one entry.
enum ConflictCommands {
    static let conflicts = Command(
        "conflicts", summary: "print the conflict-resolution report",
        options: [ServerTool.data, .value("format", "text|json|html", "the report's format (default text)")]
    ) { arguments, console in
        guard let format = ConflictReport.Format(rawValue: arguments.value("format") ?? "text") else {
            throw CommandFailure.usage("--format must be text, json or html")
        }
        // Each entry with its sheet as it is now, so the coordinator sees what they settle (issue 7).
        let (records, now) = try StoreAccess.run(
            try arguments.required("data"), command: "conflicts",
            direct: { central in
                let records = try central.conflicts.all()
                return (records, try central.sheets.now(for: records))
            },
            remote: { client in
                (try client.get("/conflicts", as: [ConflictRecord].self),
                 try client.get("/conflicts/sheets", as: [SheetNow].self))
            })
        // The report escapes what people typed (text and HTML); JSON escapes by its own rules.
        console.out(try ConflictReport.render(records, as: format, now: now).trimmingCharacters(in: .newlines))
    }

    static let resolve = Command(
        "resolve", summary: "settle a conflict as the signed-in coordinator (or --as-manager): keep the server's value, the node's, or a new one",
        options: [ServerTool.data,
                  .value("keep", "server|node|VALUE", "the value to keep", required: true),
                  .value("from", "VALUE", "the field's current value, when it changed since the entry"),
                  SessionCommands.asManager],
        positionals: [Positional("ID", "the conflict's number, as the report shows it (#12 or 12)")]
    ) { arguments, console in
        let text = try arguments.positional("ID")
        guard let id = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            throw CommandFailure.usage("conflict id must be a number, got '\(text)'")
        }
        let request = ResolveRequest(id: id, keep: try arguments.required("keep"), from: arguments.value("from"))
        console.out(Escape.text(try SessionCommands.asPersonOrManager(arguments, command: "resolve", path: "/resolve", request, direct: {
            try $0.conflicts.resolve(conflict: request.id, keep: request.keep, by: .manager, from: request.from)
        })))
    }
}
