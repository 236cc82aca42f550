import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `convoke`, `convocations list|edit|delete`, `signature set`: convocations of staff on missions (D2, D3).
/// The command line is the manager's: it acts as `manager` (as a signed-in person: with issue 9 item 7).
enum ConvocationCommands {
    static let dateHelp = "a mission day and its hours, \(ConvocationDate.example) (repeat for several days)"

    static let convoke = Command(
        "convoke", summary: "convoke staff on a mission, one convocation each (D3)",
        options: [ServerTool.data,
                  .value("mission", "ID", "the mission (see missions list)", required: true),
                  .repeated("staff", "ID", "a member of staff (repeat for several)", required: true),
                  .value("qualite", "Q", "the qualité (default correcteur; none on SSCAN)"),
                  .repeated("date", "DAY", dateHelp),
                  .value("observation", "TEXT", "the text printed on the convocation"),
                  .flag("save-defaults", "keep these dates and text on the mission for its next convocations")],
        discussion: "Qualités (D3): COEC and INEC: correcteur, correcteur suppléant, référent correction; PRECE: correcteur,\n"
            + "correcteur suppléant, coordinateur, coordinateur adjoint; ACECE: coordinateur (default), coordinateur adjoint;\n"
            + "SSCAN: none. Without --date or --observation the mission's saved ones are used. The mission's school needs its\n"
            + "head's signature (signature set). An INEC mission waits for its épreuve's assignment to be finished (D2)."
    ) { arguments, console in
        let request = ConvocationRequest(mission: try arguments.required("mission"), staff: arguments.values("staff"),
                                         qualite: arguments.value("qualite"), dates: try dates(arguments),
                                         observation: arguments.value("observation"),
                                         saveDefaults: arguments.flag("save-defaults"))
        let letters = try StoreAccess.run(try arguments.required("data"), command: "convoke",
                                          direct: { try $0.convocations.convoke(request) },
                                          remote: { client in
            try client.post("/convocations", ConvokeRequest(mission: request.mission, staff: request.staff, qualite: request.qualite,
                                                            dates: arguments.values("date"), observation: request.observation,
                                                            saveDefaults: request.saveDefaults), as: [ConvocationLetter].self)
        })
        for letter in letters { console.out(Escape.text(line(letter))) }
        if request.saveDefaults { console.out(Escape.text("saved the dates and text on \(request.mission)")) }
    }

    static let list = Command(
        "convocations list", summary: "list the convocations, with everything their letters print",
        options: [ServerTool.data,
                  .value("mission", "ID", "only this mission's"),
                  .value("staff", "ID", "only this person's"),
                  SheetCommands.format]
    ) { arguments, console in
        let json = try SheetCommands.isJSON(arguments)
        let mission = arguments.value("mission"), staff = arguments.value("staff")
        let letters = try StoreAccess.run(try arguments.required("data"), command: "convocations list",
                                          direct: { try $0.convocations.list(mission: mission, staff: staff) },
                                          remote: { try $0.get("/convocations" + AdminClient.query([("mission", mission), ("staff", staff)]),
                                                               as: [ConvocationLetter].self) })
        if json {
            console.out(String(decoding: try JSONCoding.encode(letters, pretty: true), as: UTF8.self))
            return
        }
        if letters.isEmpty { console.out("no convocation") }
        for letter in letters { console.out(Escape.text(line(letter))) }
    }

    static let edit = Command(
        "convocations edit", summary: "change a convocation's qualité, dates or observation",
        options: [ServerTool.data,
                  .value("id", "N", "the convocation (see convocations list)", required: true),
                  .value("qualite", "Q", "the new qualité"),
                  .repeated("date", "DAY", "the new dates, replacing them all: " + dateHelp),
                  .value("observation", "TEXT", "the new text")]
    ) { arguments, console in
        let id = try convocationID(arguments)
        let dates = try dates(arguments)
        let change = ConvocationChange(qualite: arguments.value("qualite"), dates: dates.isEmpty ? nil : dates,
                                       observation: arguments.value("observation"))
        let letter = try StoreAccess.run(try arguments.required("data"), command: "convocations edit",
                                         direct: { try $0.convocations.edit(id, change) },
                                         remote: { client in
            let typed = arguments.values("date")
            return try client.post("/convocations/\(id)", ConvocationEditRequest(qualite: change.qualite, dates: typed.isEmpty ? nil : typed,
                                                                                observation: change.observation),
                                   as: ConvocationLetter.self)
        })
        console.out(Escape.text(line(letter)))
    }

    static let delete = Command(
        "convocations delete", summary: "delete a convocation: the person is no longer convoked on the mission",
        options: [ServerTool.data, .value("id", "N", "the convocation (see convocations list)", required: true)]
    ) { arguments, console in
        let id = try convocationID(arguments)
        try StoreAccess.run(try arguments.required("data"), command: "convocations delete",
                            direct: { try $0.convocations.delete(id) },
                            remote: { _ = try $0.delete("/convocations/\(id)", as: AdminMessage.self) })
        console.out("deleted convocation \(id)")
    }

    static let signature = Command(
        "signature set", summary: "set the head's signature a school's convocations carry (D3), replacing any before",
        options: [ServerTool.data,
                  .value("school", "CODE", "the school (a centre of the registrations)", required: true),
                  .value("name", "TEXT", "the head's name as signed", required: true),
                  .value("title", "TEXT", "the head's title, e.g. Proviseur", required: true)]
    ) { arguments, console in
        let school = try arguments.required("school")
        let signature = Signature(name: try arguments.required("name"), title: try arguments.required("title"))
        try StoreAccess.run(try arguments.required("data"), command: "signature set",
                            direct: { try $0.convocations.setSignature(school: school, signature) },
                            remote: { _ = try $0.post("/signature", SignatureRequest(school: school, name: signature.name, title: signature.title),
                                                      as: AdminMessage.self) })
        console.out(Escape.text("signature of \(school): \(signature.name), \(signature.title)"))
    }

    /// `--date` values, each read or refused with the field named.
    static func dates(_ arguments: ParsedArguments) throws -> [ConvocationDate] {
        try arguments.values("date").map { text in
            do { return try ConvocationDate(parsing: text) } catch let error as ServerError {
                throw CommandFailure.usage("--\(error.message)")
            }
        }
    }

    static func convocationID(_ arguments: ParsedArguments) throws -> Int64 {
        let text = try arguments.required("id")
        guard let id = Int64(text), id > 0 else { throw CommandFailure.usage("--id: \"\(text)\" is not a convocation number") }
        return id
    }

    /// One line per convocation: number, mission, person, qualité, dates.
    static func line(_ letter: ConvocationLetter) -> String {
        let person = letter.person
        return "\(letter.id)  \(letter.mission.id)  \(person.id) \(person.lastName) \(person.firstName) (\(person.school.code))  "
            + "\(letter.qualite?.rawValue ?? "-")  " + letter.dates.map { "\($0.day) \($0.start)-\($0.end)" }.joined(separator: ", ")
    }
}
