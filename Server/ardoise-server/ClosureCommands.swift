import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `close` and `sheets export`: the exam centre closes an ECE épreuve (D20), then exports its filled sheets.
enum ClosureCommands {
    static let close = Command(
        "close", summary: "close an ECE épreuve at an exam centre: its grades and services faits sent, frozen there (D20)",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("centre", "CODE", "the exam centre", required: true), SessionCommands.asManager],
        discussion: "As the signed-in referent or staff of the centre (or --as-manager); every lot there must be locked, nothing\n"
            + "disputed. Unlocking a lot there reopens it (audited)."
    ) { arguments, console in
        let request = CloseRequest(epreuve: try arguments.required("epreuve"), centre: try arguments.required("centre"))
        let report = try SessionCommands.asPersonOrManager(
            arguments, command: "close", call: { try $0.post("/close", request, as: ClosureReport.self) },
            direct: { try $0.closure.close(epreuve: request.epreuve, centre: request.centre, by: .manager) })
        console.out(Escape.text(report.summary))
    }

    static let export = Command(
        "sheets export", summary: "the filled evaluation sheets of a closed épreuve at a centre: one PDF per candidate, zipped",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("centre", "CODE", "the exam centre", required: true), .value("out", "FILE", "the zip to write", required: true),
                  SessionCommands.asManager]
    ) { arguments, console in
        let epreuve = try arguments.required("epreuve"), centre = try arguments.required("centre"), out = try arguments.required("out")
        let export = try SessionCommands.asPersonOrManager(arguments, command: "sheets export", call: { client in
            let response = try client.bytes("/evaluation-sheets/" + AdminClient.segment(epreuve) + "/" + AdminClient.segment(centre))
            guard let count = response.header(ArchiveCountHeader.count).flatMap(Int.init) else {
                throw CommandFailure("the server's zip came without its count")
            }
            return (bytes: response.body, count: count)
        }, direct: { try $0.evaluationSheets.export(epreuve: epreuve, centre: centre, by: .manager) })
        try ConvocationDocumentCommands.write(export.bytes, to: out)
        console.out(Escape.text("\(export.count) evaluation sheet\(export.count == 1 ? "" : "s") written to \(out)"))
    }
}
