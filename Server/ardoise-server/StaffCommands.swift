import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `staff import|search|add`: the académie's staff (D4). The command line is the manager's, so `add` is allowed.
enum StaffCommands {
    static let importFile = Command(
        "staff import", summary: "import the académie's staff from a CSV file (added or updated by id, nobody removed)",
        options: [ServerTool.data], positionals: [Positional("FILE", "the staff file")],
        discussion: "Columns (;-separated UTF-8, header line first): " + StaffDirectory.columns.joined(separator: ";")
    ) { arguments, console in
        let path = try arguments.positional("FILE")
        let read = StaffDirectory.read(path: path)
        guard read.problems.isEmpty else {
            for problem in read.problems.prefix(200) { console.err(Escape.text(problem)) }
            throw CommandFailure("\(SessionCommands.count(read.problems.count, "problem")) in \(path): nothing was imported")
        }
        let count = try StoreAccess.run(try arguments.required("data"), command: "staff import",
                                        direct: { try $0.staff.importMembers(read.members) },
                                        remote: { client in
            guard let contents = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the file") }
            return try client.post("/staff/import", StaffImportRequest(file: path, contents: contents), as: ImportCount.self).count
        })
        console.out("imported \(SessionCommands.count(count, "staff member"))")
    }

    static let search = Command(
        "staff search", summary: "find staff by discipline within a school (all selected) or by name across the académie",
        options: [ServerTool.data,
                  .value("discipline", "TEXT", "a discipline, or part of it (with --school)"),
                  .value("school", "CODE", "the school searched by discipline"),
                  .value("name", "TEXT", "words of a name, case and accents aside"),
                  SheetCommands.format],
        discussion: "[x] marks who is selected for convocation: everyone found by discipline, no one found by name (D4)."
    ) { arguments, console in
        let discipline = arguments.value("discipline"), school = arguments.value("school"), name = arguments.value("name")
        let matches: [StaffMatch]
        switch (discipline, school, name) {
        case let (discipline?, school?, nil):
            matches = try StoreAccess.run(try arguments.required("data"), command: "staff search",
                                          direct: { try $0.staff.search(discipline: discipline, school: school) },
                                          remote: { try $0.get("/staff" + AdminClient.query([("discipline", discipline), ("school", school)]),
                                                               as: [StaffMatch].self) })
        case let (nil, nil, name?):
            matches = try StoreAccess.run(try arguments.required("data"), command: "staff search",
                                          direct: { try $0.staff.search(name: name) },
                                          remote: { try $0.get("/staff" + AdminClient.query([("name", name)]), as: [StaffMatch].self) })
        default:
            throw CommandFailure.usage("search with --discipline and --school, or with --name")
        }
        if try SheetCommands.isJSON(arguments) {
            console.out(String(decoding: try JSONCoding.encode(matches, pretty: true), as: UTF8.self))
            return
        }
        if matches.isEmpty { console.out("nobody found") }
        for match in matches {
            let member = match.member
            console.out(Escape.text("[\(match.selected ? "x" : " ")] \(member.id)  \(member.lastName) \(member.firstName)  "
                + "\(member.school)  \(member.discipline)  \(member.email)"))
        }
    }

    static let add = Command(
        "staff add", summary: "create a member of staff the directory does not know (the manager's alone, D4)",
        options: [ServerTool.data,
                  .value("id", "ID", "the staff member's identifier", required: true),
                  .value("last-name", "TEXT", "last name", required: true),
                  .value("first-name", "TEXT", "first name", required: true),
                  .value("school", "CODE", "the school's code", required: true),
                  .value("discipline", "TEXT", "the discipline taught", required: true),
                  .value("email", "ADDRESS", "the professional e-mail address", required: true)]
    ) { arguments, console in
        let member = StaffMember(id: try arguments.required("id"), lastName: try arguments.required("last-name"),
                                 firstName: try arguments.required("first-name"), school: try arguments.required("school"),
                                 discipline: try arguments.required("discipline"), email: try arguments.required("email"))
        try StoreAccess.run(try arguments.required("data"), command: "staff add",
                            direct: { try $0.staff.add(member, by: .manager) },
                            remote: { _ = try $0.post("/staff", member, as: AdminMessage.self) })
        console.out(Escape.text("added \(member.id) \(member.lastName) \(member.firstName)"))
    }
}
