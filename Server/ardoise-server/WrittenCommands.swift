import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `bareme define|validate`, `baremes`, `written distribute|lots|grade`: written épreuves' barèmes (D11),
/// their validation before distribution (D10), copies to correctors, and central grading.
enum WrittenCommands {
    static let define = Command(
        "bareme define", summary: "define a subject of a written épreuve with its item barème (the manager's)",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("subject", "CODE", "the subject", required: true), .value("label", "TEXT", "the subject's label", required: true)],
        positionals: [Positional("FILE", "the barème: code;libelle;maximum;pas, maxima adding up to 20, steps 0.25, 0.5 or 1")]
    ) { arguments, console in
        let path = try arguments.positional("FILE")
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the file") }
        let read = BaremeFile.read(Array(data), path: path)
        guard read.problems.isEmpty else {
            for problem in read.problems.prefix(50) { console.err(Escape.text(problem)) }
            throw CommandFailure("\(SessionCommands.count(read.problems.count, "problem")) in \(path): nothing was defined")
        }
        let request = BaremeDefineRequest(epreuve: try arguments.required("epreuve"), subject: try arguments.required("subject"),
                                          label: try arguments.required("label"), file: path, contents: data)
        try StoreAccess.run(try arguments.required("data"), command: "bareme define", direct: {
            try $0.baremes.define(epreuve: request.epreuve, subject: request.subject, label: request.label, items: read.items)
        }, remote: { _ = try $0.post("/baremes", request, as: AdminMessage.self) })
        console.out(Escape.text("barème of \(request.epreuve) subject \(request.subject): \(read.items.count) items, to be validated"))
    }

    static let validate = Command(
        "bareme validate", summary: "validate a subject's barème, as the épreuve's signed-in coordinator (D10)",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("subject", "CODE", "the subject", required: true), SessionCommands.asManager]
    ) { arguments, console in
        let request = BaremeValidateRequest(epreuve: try arguments.required("epreuve"), subject: try arguments.required("subject"))
        console.out(Escape.text(try SessionCommands.asPersonOrManager(
            arguments, command: "bareme validate", path: "/baremes/validate", request,
            direct: { central in
                try central.baremes.validate(epreuve: request.epreuve, subject: request.subject, by: .manager)
                return "barème of \(request.epreuve) subject \(request.subject) validated"
            })))
    }

    static let list = Command(
        "baremes", summary: "every subject's barème, whether it is validated and how many sheets depend on it",
        options: [ServerTool.data, .value("epreuve", "CODE", "only this épreuve")]
    ) { arguments, console in
        let epreuve = arguments.value("epreuve")
        let statuses = try StoreAccess.run(try arguments.required("data"), command: "baremes",
                                           direct: { try $0.baremes.list(epreuve: epreuve) },
                                           remote: { try $0.get("/baremes" + AdminClient.query([("epreuve", epreuve)]), as: [BaremeStatus].self) })
        for status in statuses {
            let bareme = status.subject.bareme
            let parts = bareme.items.map { "\($0.code) /\($0.maximum.formatted2) by \($0.step.formatted2)" }
                + bareme.competencies.map { "\($0.code) /\($0.maximum.formatted2)" }
            let validated = status.validatedBy.map { "validated by \($0) at \(status.validatedAt ?? "")" } ?? "NOT VALIDATED"
            console.out(Escape.text("\(status.epreuve) \(status.subject.code)  \(validated)  \(status.graded) graded  "
                + parts.joined(separator: ", ")))
        }
    }

    static let distribute = Command(
        "written distribute", summary: "give each corrector convoked on the COEC mission a lot, balanced, never their own school's",
        options: [ServerTool.data, .value("epreuve", "CODE", "the written épreuve", required: true),
                  .value("scan-centre", "CODE", "the scan centre", required: true), SessionCommands.asManager]
    ) { arguments, console in
        let request = WrittenDistributeRequest(epreuve: try arguments.required("epreuve"), scanCentre: try arguments.required("scan-centre"))
        let report = try SessionCommands.asPersonOrManager(
            arguments, command: "written distribute", call: { try $0.post("/written/distribute", request, as: WrittenDistributionReport.self) },
            direct: { try $0.writtenDistribution.distribute(epreuve: request.epreuve, scanCentre: request.scanCentre, by: .manager) })
        console.out(Escape.text(report.summary))
    }

    static let redistribute = Command(
        "written redistribute", summary: "share a sick corrector's remaining copies among the others, never their own school's (D13)",
        options: [ServerTool.data, .value("lot", "LOT", "the sick corrector's lot", required: true), SessionCommands.why, SessionCommands.asManager]
    ) { arguments, console in
        let request = WrittenRedistributeRequest(lot: try arguments.required("lot"), why: try arguments.required("why"))
        let report = try SessionCommands.asPersonOrManager(
            arguments, command: "written redistribute", call: { try $0.post("/written/redistribute", request, as: WrittenDistributionReport.self) },
            direct: { try $0.writtenRedistribution.redistribute(lot: request.lot, why: request.why, by: .manager) })
        console.out(Escape.text(report.summary))
    }

    static let lots = Command(
        "written lots", summary: "the lots you grade, as the signed-in corrector", options: [ServerTool.data]
    ) { arguments, console in
        let lots = try SessionFile.client(folder: try arguments.required("data")).get("/written/lots", as: [LotSummary].self)
        if lots.isEmpty { console.out("no lot to grade") }
        for lot in lots { console.out(Escape.text("\(lot.id)  \(lot.epreuve)  \(lot.status.rawValue)  \(lot.done)/\(lot.candidates) done")) }
    }

    static let grade = Command(
        "written grade", summary: "grade a written copy item by item (or --absent), as its signed-in corrector",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("candidate", "NUMBER", "the candidate", required: true), .value("subject", "CODE", "the subject"),
                  .repeated("item", "CODE=POINTS", "an item's points"), .value("comment", "TEXT", "a comment"),
                  .flag("absent", "the candidate was absent (AB)")]
    ) { arguments, console in
        var items: [String: String] = [:]
        for word in arguments.values("item") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, items[parts[0]] == nil else {
                throw CommandFailure.usage("--item must be CODE=POINTS, each item once, got '\(word)'")
            }
            items[parts[0]] = parts[1]
        }
        let request = WrittenGradeRequest(epreuve: try arguments.required("epreuve"), candidate: try arguments.required("candidate"),
                                          subject: arguments.value("subject"), items: items, comment: arguments.value("comment"),
                                          absent: arguments.flag("absent"))
        let client = try SessionFile.client(folder: try arguments.required("data"))
        console.out(Escape.text(try client.post("/written/grade", request, as: AdminMessage.self).message))
    }
}
