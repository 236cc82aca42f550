import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `stats`: follow-up and statistics (D14) as the manager, in the store or through the running server.
enum FollowUpCommands {
    static let stats = Command(
        "stats", summary: "follow-up and statistics (D14): progress per épreuve, centre, lot and examiner; grades per épreuve, corrector and subject",
        options: [ServerTool.data,
                  .value("epreuve", "CODE", "only this épreuve"),
                  .value("examiner", "ID", "only this examiner's lines (progress and statistics)"),
                  .value("format", "text|json|svg", "the output's format (default text); svg writes one histogram per épreuve and per corrector"),
                  .value("out", "PATH", "text and json: write this file instead of printing; svg (required): the folder to write into")],
        discussion: "Progress counts graded and absent candidates as done, and locked lots. Statistics count the undisputed grades:\n"
            + "absent candidates and disputed grades are counted apart and kept out of means, standard deviations (population)\n"
            + "and distributions (20 bins of one point, [19,20] last). A sheet's grade is the corrector's who wrote most of its\n"
            + "levels (a tie to the latest). Subjects of an épreuve are compared side by side, with the difference of their means.\n"
            + "svg writes EPREUVE.svg and EPREUVE-EXAMINER.svg into --out, replacing files of those names."
    ) { arguments, console in
        let format = arguments.value("format") ?? "text"
        guard ["text", "json", "svg"].contains(format) else { throw CommandFailure.usage("--format must be text, json or svg") }
        let out = arguments.value("out")
        guard format != "svg" || out != nil else { throw CommandFailure.usage("--format svg needs --out FOLDER") }
        let epreuve = arguments.value("epreuve"), examiner = arguments.value("examiner")
        let report = try StoreAccess.run(
            try arguments.required("data"), command: "stats",
            direct: { try $0.followUp.report(epreuve: epreuve, examiner: examiner) },
            remote: { try $0.get("/follow-up" + AdminClient.query([("epreuve", epreuve), ("examiner", examiner)]), as: FollowUpReport.self) })
        switch (format, out) {
        case ("svg", let folder?):
            let written = try writeHistograms(report, into: folder)
            console.out(Escape.text("\(written.count) histogram\(written.count == 1 ? "" : "s") written to \(folder): "
                + written.joined(separator: ", ")))
        case ("json", _):
            try emit(String(decoding: try JSONCoding.encode(report, pretty: true), as: UTF8.self), out, console)
        default:
            try emit(FollowUpText.lines(report).joined(separator: "\n"), out, console)
        }
    }

    private static func emit(_ text: String, _ out: String?, _ console: any Console) throws {
        guard let out else { return console.out(text) }
        try AtomicFile.write(Array((text + "\n").utf8), to: out, mode: 0o600)
        console.out(Escape.text("written to \(out)"))
    }

    /// One SVG per statistics line, in `folder` (made if missing); returns the file names.
    private static func writeHistograms(_ report: FollowUpReport, into folder: String) throws -> [String] {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } else if !isFolder.boolValue {
            throw CommandFailure("\(folder) is a file: --out names the folder to write the histograms into")
        }
        return try report.statistics.map { line in
            let name = HistogramSVG.fileName(for: line)
            try AtomicFile.write(Array(HistogramSVG.render(line).utf8), to: folder + "/" + name, mode: 0o600)
            return name
        }
    }
}
