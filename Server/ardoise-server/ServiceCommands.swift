import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `services list|add|delete`: the services faits of convoked staff (D17, D18). Derived lines are computed
/// from the correction data on every listing; hand entries are kept apart and only deleted by id.
enum ServiceCommands {
    static let list = Command(
        "services list", summary: "list the services faits: derived from the correction data, and entered by hand (D18)",
        options: [ServerTool.data,
                  .value("mission", "ID", "only this mission's"),
                  .value("format", "text|csv|json", "the output's format (default text); csv is ;-separated UTF-8 with a header")],
        discussion: "One derived line (source calcul) per convocation: the days convoked and, on PRECE, the candidates whose sheet\n"
            + "has a level or attendance written by the person, on COEC the copies they graded; INEC, SSCAN and ACECE count days\n"
            + "only. The correction data names examiners: a person's work is found when their examiner id is their staff id.\n"
            + "Each hand entry (source saisie) is its own line, never replaced by a derivation."
    ) { arguments, console in
        let format = arguments.value("format") ?? "text"
        guard ["text", "csv", "json"].contains(format) else { throw CommandFailure.usage("--format must be text, csv or json") }
        let mission = arguments.value("mission")
        let services = try StoreAccess.run(try arguments.required("data"), command: "services list",
                                           direct: { try $0.servicesFaits.list(mission: mission) },
                                           remote: { try $0.get("/services" + AdminClient.query([("mission", mission)]),
                                                                as: [ServiceFait].self) })
        switch format {
        case "csv":
            for line in ServicesCSV.lines(services) { console.out(line) }
        case "json":
            console.out(String(decoding: try JSONCoding.encode(services, pretty: true), as: UTF8.self))
        default:
            if services.isEmpty { console.out("no service fait") }
            for service in services { console.out(Escape.text(line(service))) }
        }
    }

    static let add = Command(
        "services add", summary: "enter a service fait by hand on a convocation, kept apart from the derived ones (D18)",
        options: [ServerTool.data,
                  .value("convocation", "N", "the convocation (see convocations list)", required: true),
                  .value("quantity", "Q", "how many, 1 to \(ServicesFaits.quantityLimit)", required: true),
                  .value("unit", "UNIT", ServiceUnit.allCases.map(\.rawValue).joined(separator: ", "), required: true),
                  .value("note", "TEXT", "why it was entered by hand")]
    ) { arguments, console in
        let convocation = try number(arguments, "convocation", "a convocation number")
        let text = try arguments.required("quantity")
        guard let quantity = Int(text) else { throw CommandFailure.usage("--quantity: \"\(text)\" is not a whole number") }
        let unit = try arguments.required("unit"), note = arguments.value("note") ?? ""
        let entry = try StoreAccess.run(try arguments.required("data"), command: "services add", direct: {
            try $0.servicesFaits.add(convocation: convocation, quantity: quantity, unit: unit, note: note)
        }, remote: {
            try $0.post("/services", ServiceEntryRequest(convocation: convocation, quantity: quantity, unit: unit, note: note),
                        as: ServiceFait.self)
        })
        console.out(Escape.text(line(entry)))
    }

    static let delete = Command(
        "services delete", summary: "delete one service fait entered by hand",
        options: [ServerTool.data, .value("id", "N", "the hand entry (see services list)", required: true)]
    ) { arguments, console in
        let id = try number(arguments, "id", "a hand entry number")
        try StoreAccess.run(try arguments.required("data"), command: "services delete",
                            direct: { try $0.servicesFaits.delete(entry: id) },
                            remote: { _ = try $0.delete("/services/\(id)", as: AdminMessage.self) })
        console.out("deleted entry \(id)")
    }

    static func number(_ arguments: ParsedArguments, _ option: String, _ what: String) throws -> Int64 {
        let text = try arguments.required(option)
        guard let id = Int64(text), id > 0 else { throw CommandFailure.usage("--\(option): \"\(text)\" is not \(what)") }
        return id
    }

    /// One line per service: source (with the entry's id), mission, person, qualité, then what it counts.
    static func line(_ service: ServiceFait) -> String {
        let source = service.entry.map { "saisie \($0)" } ?? service.source.rawValue
        let counts = [service.days.map { "\($0) jours" }, service.candidates.map { "\($0) candidats" },
                      service.copies.map { "\($0) copies" }].compactMap { $0 }.joined(separator: ", ")
        let note = service.note.map { $0.isEmpty ? "" : "  (\($0))" } ?? ""
        return "\(source)  \(service.mission)  \(service.staff) \(service.name)  \(service.qualite?.rawValue ?? "-")  \(counts)\(note)"
    }
}
