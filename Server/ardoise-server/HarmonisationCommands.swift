import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `harmonise`, `harmonise view`, `harmonisations`, `epreuve set|show`: harmonisation (D15, D16) by the
/// signed-in coordinator (or `--as-manager` for a mass one), and the épreuves' parameters that allow it.
enum HarmonisationCommands {
    static let harmonise = Command(
        "harmonise", summary: "change one copy's grade (--grade) or transform grades in mass (--shift, or --scale and --offset)",
        options: [ServerTool.data,
                  .value("lot", "LOT", "the lot (a locked one)"),
                  .repeated("copy", "N", "a copy by its place in the lot's roll call (part of the lot)"),
                  .value("epreuve", "CODE", "with --corrector: every copy the corrector graded"),
                  .value("corrector", "ID", "the corrector (staff id)"),
                  .value("grade", "POINTS", "unit: the copy's grade on 20 (D15)"),
                  .value("shift", "POINTS", "mass: points added (negative to take away) (D16)"),
                  .value("scale", "FACTOR", "mass: g ↦ FACTOR × g + OFFSET"),
                  .value("offset", "POINTS", "mass, with --scale"),
                  SessionCommands.why, SessionCommands.asManager],
        discussion: "Clamped to 0–20, at a hundredth of a point. The raw grade stays; the harmonised one is transmitted and reaches\n"
            + "the lab PCs with who changed it how and why. Needs the épreuve's parameter (epreuve set) and a locked lot."
    ) { arguments, console in
        let request = HarmoniseRequest(
            lot: arguments.value("lot"), copies: try copies(arguments), epreuve: arguments.value("epreuve"),
            corrector: arguments.value("corrector"), grade: arguments.value("grade"), shift: arguments.value("shift"),
            scale: arguments.value("scale"), offset: arguments.value("offset"), why: try arguments.required("why"))
        let result = try SessionCommands.asPersonOrManager(
            arguments, command: "harmonise", call: { try $0.post("/harmonise", request, as: HarmonisationResult.self) },
            direct: { try request.run(on: $0.harmonisation, by: .manager) })
        console.out(Escape.text(result.message))
    }

    static let view = Command(
        "harmonise view", summary: "a lot's copies by place, raw and harmonised grades, without candidate numbers (D15)",
        options: [ServerTool.data, .value("lot", "LOT", "the lot", required: true), SessionCommands.asManager, SheetCommands.format]
    ) { arguments, console in
        let lot = try arguments.required("lot")
        let view = try SessionCommands.asPersonOrManager(
            arguments, command: "harmonise view",
            call: { try $0.get("/harmonise/lots/" + AdminClient.segment(lot), as: HarmonisationView.self) },
            direct: { try $0.harmonisation.view(lot: lot, by: .manager) })
        if try SheetCommands.isJSON(arguments) {
            console.out(String(decoding: try JSONCoding.encode(view, pretty: true), as: UTF8.self))
            return
        }
        console.out(Escape.text("lot \(view.lot)  \(view.epreuve)  centre \(view.centre)  \(view.status.rawValue)  "
            + "edit by coordinator \(view.settings.editByCoordinator ? "on" : "off"), harmonise in mass \(view.settings.harmoniseInMass ? "on" : "off")"))
        for copy in view.copies {
            let harmonised = copy.harmonised.map { "  harmonised \($0)/20" } ?? ""
            console.out(Escape.text("copy \(copy.copy)  \(copy.status)\(harmonised)"))
        }
    }

    static let history = Command(
        "harmonisations", summary: "every harmonised grade: raw, before, after, rule, who, when, why",
        options: [ServerTool.data, .value("epreuve", "CODE", "only this épreuve")]
    ) { arguments, console in
        let epreuve = arguments.value("epreuve")
        let entries = try StoreAccess.run(try arguments.required("data"), command: "harmonisations",
                                          direct: { try $0.harmonisation.history(epreuve: epreuve) },
                                          remote: { try $0.get("/harmonisations" + AdminClient.query([("epreuve", epreuve)]),
                                                               as: [HarmonisationEntry].self) })
        if entries.isEmpty { console.out("no harmonisation") }
        for entry in entries {
            console.out(Escape.text("#\(entry.batch) \(entry.kind)  \(entry.epreuve)  lot \(entry.lot)  raw \(entry.raw)  "
                + "\(entry.before) → \(entry.after)  (\(entry.rule))  by \(entry.by) at \(entry.at): \(entry.why)"))
        }
    }

    static let settings = Command(
        "epreuve set", summary: "turn an épreuve's harmonisation parameters on or off (the manager's)",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("edit-by-coordinator", "on|off", "a coordinator may change one copy's grade in a locked lot (D15)"),
                  .value("harmonise-in-mass", "on|off", "grades of a lot, part of one or a corrector may be transformed (D16)")]
    ) { arguments, console in
        let request = EpreuveSettingsRequest(epreuve: try arguments.required("epreuve"),
                                             editByCoordinator: try onOff(arguments, "edit-by-coordinator"),
                                             harmoniseInMass: try onOff(arguments, "harmonise-in-mass"))
        let settings = try StoreAccess.run(try arguments.required("data"), command: "epreuve set", direct: {
            try $0.epreuveParameters.set(epreuve: request.epreuve, editByCoordinator: request.editByCoordinator,
                                         harmoniseInMass: request.harmoniseInMass)
        }, remote: { try $0.post("/epreuve-settings", request, as: EpreuveSettings.self) })
        console.out(Escape.text("\(settings.epreuve): edit by coordinator \(settings.editByCoordinator ? "on" : "off"), "
            + "harmonise in mass \(settings.harmoniseInMass ? "on" : "off")"))
    }

    private static func onOff(_ arguments: ParsedArguments, _ name: String) throws -> Bool? {
        switch arguments.value(name) {
        case nil: return nil
        case "on": return true
        case "off": return false
        case let other?: throw CommandFailure.usage("--\(name) must be on or off, got '\(other)'")
        }
    }

    private static func copies(_ arguments: ParsedArguments) throws -> [Int]? {
        let words = arguments.values("copy")
        guard !words.isEmpty else { return nil }
        return try words.map { word in
            guard let copy = Int(word), copy > 0 else { throw CommandFailure.usage("--copy must be a positive number, got '\(word)'") }
            return copy
        }
    }
}
