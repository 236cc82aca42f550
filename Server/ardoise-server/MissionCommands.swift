import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `missions generate|list`: the missions registrations call for (D1).
enum MissionCommands {
    static let generate = Command(
        "missions generate", summary: "generate the missions registrations call for; those already there are kept",
        options: [ServerTool.data],
        discussion: "One COEC per written épreuve-option (per part) per scan centre, one SSCAN per scan centre, one INEC per oral\n"
            + "épreuve-option per exam centre, one PRECE per ECE épreuve-option per exam centre, one ACECE per ECE épreuve (D1)."
    ) { arguments, console in
        let generation = try StoreAccess.run(try arguments.required("data"), command: "missions generate",
                                             direct: { try $0.missions.generate() },
                                             remote: { try $0.post("/missions/generate", [String: String](),
                                                                   as: MissionCatalogue.Generation.self) })
        for id in generation.added { console.out("added \(id)") }
        console.out("\(generation.added.count) added, \(SessionCommands.count(generation.total, "mission")) in all")
    }

    static let list = Command(
        "missions list", summary: "list the missions, with whether each épreuve's assignment is finished (D2)",
        options: [ServerTool.data,
                  .value("type", "TYPE", "only " + MissionType.allCases.map(\.rawValue).joined(separator: ", ")),
                  SheetCommands.format]
    ) { arguments, console in
        var type: MissionType?
        if let word = arguments.value("type") {
            guard let known = MissionType(rawValue: word.uppercased()) else {
                throw CommandFailure.usage("--type must be one of " + MissionType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            type = known
        }
        let json = try SheetCommands.isJSON(arguments)
        let missions = try StoreAccess.run(try arguments.required("data"), command: "missions list",
                                           direct: { try $0.missions.list(type: type) },
                                           remote: { try $0.get("/missions" + AdminClient.query([("type", type?.rawValue)]),
                                                                as: [MissionListing].self) })
        if json {
            console.out(String(decoding: try JSONCoding.encode(missions, pretty: true), as: UTF8.self))
            return
        }
        for listing in missions {
            let mission = listing.mission
            var what = mission.type.label
            if let epreuve = mission.epreuve { what += " \(epreuve) \(listing.epreuveLabel ?? "")" }
            if let part = listing.partLabel ?? mission.part { what += " (\(part))" }
            let assignment = mission.type == .inec && listing.assignmentFinished != true ? "  assignment not finished" : ""
            console.out(Escape.text("\(mission.id)  \(what)  \(mission.centre) \(listing.centreName)\(assignment)"))
        }
    }
}
