import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `groups set|list`, `distribute`, `reassign`, `redistribute` (issue 10 item 2; D10, D13): the exam
/// centre's examiner groups and the distribution of its candidates to them, as the signed-in person
/// (the centre's staff or referent, the épreuve's coordinators) or `--as-manager`.
enum DistributionCommands {
    static let epreuve = Option.value("epreuve", "CODE", "the ECE épreuve", required: true)
    static let centre = Option.value("centre", "CODE", "the exam centre", required: true)
    static let among = Option.repeated("among", "GROUP", "share only among these groups (default: every group here)")
    static let who = "Allowed to the centre's staff and referent, the épreuve's coordinators and the manager (D6, D13)."

    static let setGroup = Command(
        "groups set", summary: "create an examiner group, or replace its members, from the examiners convoked on the centre's PRECE mission",
        options: [ServerTool.data, epreuve, centre,
                  .value("group", "ID", "the group to replace (default: a new one, EPREUVE-CENTRE-Gn)"),
                  .repeated("examiner", "ID", "a member (staff id), convoked on PRECE-EPREUVE-CENTRE; any school", required: true),
                  SessionCommands.asManager],
        discussion: who + " The lab PCs pull the group at their next sync."
    ) { arguments, console in
        let request = GroupRequest(epreuve: try arguments.required("epreuve"), centre: try arguments.required("centre"),
                                   group: arguments.value("group"), examiners: arguments.values("examiner"))
        let group = try SessionCommands.asPersonOrManager(
            arguments, command: "groups set", call: { try $0.post("/groups", request, as: GroupView.self) },
            direct: { try $0.examinerGroups.set(request, by: .manager) })
        print(group, console)
    }

    static let listGroups = Command(
        "groups list", summary: "the examiner groups of an épreuve at a centre, with their lots and sizes",
        options: [ServerTool.data, epreuve, centre, SheetCommands.format, SessionCommands.asManager]
    ) { arguments, console in
        let code = try arguments.required("epreuve"), place = try arguments.required("centre")
        let groups = try SessionCommands.asPersonOrManager(
            arguments, command: "groups list",
            call: { try $0.get("/groups" + AdminClient.query([("epreuve", code), ("centre", place)]), as: [GroupView].self) },
            direct: { try $0.examinerGroups.list(epreuve: code, centre: place, by: .manager) })
        if try SheetCommands.isJSON(arguments) {
            console.out(String(decoding: try JSONCoding.encode(groups, pretty: true), as: UTF8.self))
            return
        }
        if groups.isEmpty { console.out(Escape.text("no group of \(code) at \(place)")) }
        for group in groups { print(group, console) }
    }

    static let distribute = Command(
        "distribute", summary: "give the centre's candidates in no lot yet to its groups: balanced, or by hand with filters",
        options: [ServerTool.data, epreuve, centre,
                  .value("group", "ID", "by hand: every candidate chosen goes to this group's lot"), among,
                  .repeated("candidate", "NUMBER", "choose these candidates (registered for the épreuve here)"),
                  .value("division", "DIV", "choose the candidates of this class division (it never reaches the lab PCs, D9)"),
                  SheetCommands.format, SessionCommands.asManager],
        discussion: "Without --group the lots' sizes end differing by at most one; candidates already in a lot stay there.\n" + who
    ) { arguments, console in
        let named = arguments.values("candidate"), groups = arguments.values("among")
        let request = DistributeRequest(epreuve: try arguments.required("epreuve"), centre: try arguments.required("centre"),
                                        group: arguments.value("group"), groups: groups.isEmpty ? nil : groups,
                                        candidates: named.isEmpty ? nil : named, division: arguments.value("division"))
        try show(try SessionCommands.asPersonOrManager(
            arguments, command: "distribute", call: { try $0.post("/distribute", request, as: DistributionResult.self) },
            direct: { try $0.distribution.distribute(request, by: .manager) }), arguments, console)
    }

    static let reassign = Command(
        "reassign", summary: "move one candidate to another lot of the épreuve at the centre; the grade goes with them",
        options: [ServerTool.data, epreuve, .value("candidate", "NUMBER", "the candidate", required: true),
                  .value("to", "LOT", "the lot they go to (open, same centre)", required: true),
                  SessionCommands.why, SheetCommands.format, SessionCommands.asManager],
        discussion: "A locked lot is unlocked first (unlock --why). " + who
    ) { arguments, console in
        let request = ReassignRequest(epreuve: try arguments.required("epreuve"), candidate: try arguments.required("candidate"),
                                      lot: try arguments.required("to"), why: try arguments.required("why"))
        try show(try SessionCommands.asPersonOrManager(
            arguments, command: "reassign", call: { try $0.post("/reassign", request, as: DistributionResult.self) },
            direct: { try $0.redistribution.reassign(request, by: .manager) }), arguments, console)
    }

    static let redistribute = Command(
        "redistribute", summary: "share a lot's candidates neither graded nor absent among other groups' lots (a sick examiner)",
        options: [ServerTool.data, among, SessionCommands.why, SheetCommands.format, SessionCommands.asManager],
        positionals: [Positional("LOT", "the lot whose remaining candidates move")],
        discussion: "Balanced like distribute; the graded and absent stay. " + who
    ) { arguments, console in
        let groups = arguments.values("among")
        let request = RedistributeRequest(lot: try arguments.positional("LOT"), groups: groups.isEmpty ? nil : groups,
                                          why: try arguments.required("why"))
        try show(try SessionCommands.asPersonOrManager(
            arguments, command: "redistribute", call: { try $0.post("/redistribute", request, as: DistributionResult.self) },
            direct: { try $0.redistribution.redistribute(request, by: .manager) }), arguments, console)
    }

    private static func print(_ group: GroupView, _ console: Console) {
        let lots = group.lots.map { "\($0.lot) \($0.status.rawValue) \($0.candidates)" }.joined(separator: ", ")
        console.out(Escape.text("group \(group.id)  \(group.epreuve)  centre \(group.centre)  "
            + group.examiners.map { "\($0.id) \($0.name)" }.joined(separator: ", ") + (lots.isEmpty ? "" : "  lots: \(lots)")))
    }

    private static func show(_ result: DistributionResult, _ arguments: ParsedArguments, _ console: Console) throws {
        if try SheetCommands.isJSON(arguments) {
            console.out(String(decoding: try JSONCoding.encode(result, pretty: true), as: UTF8.self))
            return
        }
        console.out(Escape.text(result.message))
        for move in result.moves {
            console.out(Escape.text("  \(move.candidate)  \(move.from ?? "–") → \(move.to)\(move.carried ? "  (grade carried)" : "")"))
        }
        for lot in result.lots {
            console.out(Escape.text("lot \(lot.lot)  group \(lot.group)  \(lot.status.rawValue)  \(lot.candidates) candidates"))
        }
    }
}
