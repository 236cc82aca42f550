import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import Foundation

/// A lot and a sheet as the server holds them, for coordinators (issue 7): the layout of the lab PCs'
/// `ardoise lot` and `ardoise sheet`, with who entered each value and when. Candidate numbers only (D9).
enum SheetCommands {
    static let format = Option.value("format", "text|json", "the output's format (default text)")

    static let lot = Command(
        "lot", summary: "a lot's candidates as the server holds them: subject, grade /20, AB, DISPUTED",
        options: [ServerTool.data, format], positionals: [Positional("LOT", "the lot")]
    ) { arguments, console in
        let json = try isJSON(arguments)
        let id = try arguments.positional("LOT")
        let lot = try StoreAccess.run(try arguments.required("data"), command: "lot",
                                      direct: { try $0.sheets.lot(id) },
                                      remote: { try $0.get("/lots/" + AdminClient.segment(id), as: LotSnapshot.self) })
        console.out(json ? try encoded(lot) : SheetText.lot(lot))
    }

    static let sheet = Command(
        "sheet", summary: "a candidate's sheet as the server holds it, with each value's author and time",
        options: [ServerTool.data,
                  .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("candidate", "NUMBER", "the candidate number", required: true),
                  format]
    ) { arguments, console in
        let json = try isJSON(arguments)
        let epreuve = try arguments.required("epreuve")
        let candidate = try arguments.required("candidate")
        let sheet = try StoreAccess.run(
            try arguments.required("data"), command: "sheet",
            direct: { try $0.sheets.sheet(epreuve: epreuve, candidate: candidate) },
            remote: { try $0.get("/sheets/" + AdminClient.segment(epreuve) + "/" + AdminClient.segment(candidate), as: SheetSnapshot.self) })
        console.out(json ? try encoded(sheet) : SheetText.sheet(sheet))
    }

    static func isJSON(_ arguments: ParsedArguments) throws -> Bool {
        switch arguments.value("format") ?? "text" {
        case "text": return false
        case "json": return true
        default: throw CommandFailure.usage("--format must be text or json")
        }
    }

    /// JSON escapes what people typed by its own rules.
    private static func encoded<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encode(value, pretty: true), as: UTF8.self)
    }
}
