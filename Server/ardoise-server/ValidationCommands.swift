import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `validate`, `validations sent`, `registration-grades list|enter`: sending an épreuve's grades and services
/// faits (D17), what was sent, and the registration side's grade book with its hand entries (D18).
enum ValidationCommands {
    static let validate = Command(
        "validate", summary: "send an épreuve's grades to the registration side and its services faits to the missions side",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true), SessionCommands.asManager],
        discussion: "As the signed-in coordinator of the épreuve (or --as-manager). Total when every candidate is absent or in a\n"
            + "locked lot; otherwise partial (locked lots only). Disputed grades are held back. Repeatable (D17)."
    ) { arguments, console in
        let request = ValidateRequest(epreuve: try arguments.required("epreuve"))
        let report = try SessionCommands.asPersonOrManager(
            arguments, command: "validate", call: { try $0.post("/validate", request, as: ValidationReport.self) },
            direct: { try $0.validation.validate(epreuve: request.epreuve, by: .manager) })
        console.out(Escape.text(report.summary))
        for held in report.held.prefix(5) {
            console.out(Escape.text("  held back: \(held.candidate)\(held.centre.map { " at \($0)" } ?? ""): \(held.reason)"))
        }
        if report.held.count > 5 { console.out("  … and \(report.held.count - 5) more (validations sent lists what was sent)") }
    }

    static let sent = Command(
        "validations sent", summary: "what a validation sent, grade by grade, and what the registration side did with it",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true),
                  .value("validation", "N", "a validation's number (default: the latest)"),
                  .value("format", "text|csv|json", "the format (default text)"), .value("out", "FILE", "write there")]
    ) { arguments, console in
        let epreuve = try arguments.required("epreuve")
        var number: Int64?
        if let text = arguments.value("validation") {
            guard let value = Int64(text), value > 0 else { throw CommandFailure.usage("--validation must be a positive number") }
            number = value
        }
        let lines = try StoreAccess.run(
            try arguments.required("data"), command: "validations sent",
            direct: { try $0.validation.sent(epreuve: epreuve, validation: number) },
            remote: { try $0.get("/validations/sent" + AdminClient.query([("epreuve", epreuve), ("validation", number.map(String.init))]),
                                 as: [SentGrade].self) })
        let text: String
        switch arguments.value("format") ?? "text" {
        case "csv":
            text = CSVWriter.text(header: ["validation", "candidate", "epreuve", "value", "outcome", "at"],
                                  rows: lines.map { [String($0.validation), $0.candidate, $0.epreuve, $0.value, $0.outcome, $0.at] })
        case "json": text = String(decoding: try JSONCoding.encode(lines, pretty: true), as: UTF8.self) + "\n"
        case "text": text = lines.map { "\($0.candidate)  \($0.value)  \($0.outcome)\n" }.joined()
        case let other: throw CommandFailure.usage("--format must be text, csv or json, got '\(other)'")
        }
        guard let out = arguments.value("out") else { console.out(Escape.text(text.trimmingCharacters(in: .newlines))); return }
        try ConvocationDocumentCommands.write(Array(text.utf8), to: out)
        console.out(Escape.text("\(lines.count) sent grades written to \(out)"))
    }

    static let registrationList = Command(
        "registration-grades list", summary: "the registration side's grades of an épreuve: sent (transmis) or entered there (saisie)",
        options: [ServerTool.data, .value("epreuve", "CODE", "the épreuve", required: true)]
    ) { arguments, console in
        let epreuve = try arguments.required("epreuve")
        let grades = try StoreAccess.run(try arguments.required("data"), command: "registration-grades list",
                                         direct: { try $0.registrationGrades.list(epreuve: epreuve) },
                                         remote: { try $0.get("/registration-grades" + AdminClient.query([("epreuve", epreuve)]),
                                                              as: [RegistrationGrade].self) })
        if grades.isEmpty { console.out("no grade on the registration side for \(Escape.text(epreuve))") }
        for grade in grades { console.out(Escape.text("\(grade.candidate)  \(grade.value)  \(grade.source)  \(grade.at)")) }
    }

    static let registrationEnter = Command(
        "registration-grades enter", summary: "enter a grade by hand on the registration side (DI, AB, 0–20), as its staff would",
        options: [ServerTool.data, .value("candidate", "NUMBER", "the candidate", required: true),
                  .value("epreuve", "CODE", "the épreuve", required: true), .value("value", "DI|AB|POINTS", "the grade", required: true)]
    ) { arguments, console in
        let request = RegistrationGradeRequest(candidate: try arguments.required("candidate"), epreuve: try arguments.required("epreuve"),
                                               value: try arguments.required("value"))
        try StoreAccess.run(try arguments.required("data"), command: "registration-grades enter",
                            direct: { try $0.registrationGrades.enter(candidate: request.candidate, epreuve: request.epreuve, value: request.value) },
                            remote: { _ = try $0.post("/registration-grades", request, as: AdminMessage.self) })
        console.out(Escape.text("\(request.candidate) \(request.epreuve): \(request.value.uppercased()) entered by hand"))
    }
}
