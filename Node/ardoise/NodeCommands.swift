import ArdoiseCLI
import ArdoiseNode
import ArdoiseSupport

/// Enrolment, sync, and what the node shows: lots, sheets, status, integrity.
extension NodeTool {
    static let enrol = Command(
        "enrol", summary: "enrol this node with a one-time code, then fetch the day's data",
        options: [data, .value("server", "URL", "the central server", required: true),
                  .value("code", "CODE", "the one-time enrolment code", required: true),
                  .value("label", "TEXT", "a name for this PC"), ca,
                  .flag("again", "enrol again after the token was revoked (unsent operations are kept)")]
    ) { arguments, console in
        let server = try arguments.required("server")
        let code = try arguments.required("code")
        try withNode(arguments, create: true) { node in
            let ca = try arguments.value("ca").map(ServerTrust.checked)
            let summary = try node.enrolment.enrol(server: server, code: code, label: arguments.value("label") ?? "",
                                                   again: arguments.flag("again"), ca: ca, over: try node.network(ca: ca))
            let status = try node.reports.status()
            console.out("enrolled as node \(status.node) of centre \(status.centre) (\(status.session))")
            console.out(summary.text)
        }
    }

    static let lot = Command(
        "lot", summary: "a lot's candidates: subject, grade /20, AB, DISPUTED, * not yet synced",
        options: [data], positionals: [Positional("LOT", "the lot")]
    ) { arguments, console in
        let id = try arguments.positional("LOT")
        try withNode(arguments) { console.out(try $0.reports.lot(id).text) }
    }

    static let lots = Command("lots", summary: "the lots of this centre", options: [data]) { arguments, console in
        try withNode(arguments) { node in
            let reports = try node.reports.lots()
            console.out(reports.isEmpty ? "no lots at this centre" : reports.map(\.summary).joined(separator: "\n"))
        }
    }

    static let harmonisations = Command(
        "harmonisations", summary: "the grades a coordinator harmonised, with who, how and why (D16)", options: [data]
    ) { arguments, console in
        try withNode(arguments) { node in
            let lines = try node.reports.harmonisations()
            console.out(lines.isEmpty ? "no harmonised grade" : lines.map { Escape.text($0) }.joined(separator: "\n"))
        }
    }

    static let sheet = Command(
        "sheet", summary: "a printable evaluation sheet, blank or filled (D22)", options: [data, epreuve, candidate]
    ) { arguments, console in
        let code = try arguments.required("epreuve")
        let number = try arguments.required("candidate")
        try withNode(arguments) { node in
            var text = try node.reports.sheetText(epreuve: code, candidate: number)
            if text.hasSuffix("\n") { text.removeLast() }
            console.out(text)
        }
    }

    static let sync = Command("sync", summary: "push the outbox, then pull central changes", options: [data, ca]) { arguments, console in
        try withNode(arguments) { node in
            if let ca = arguments.value("ca") { try node.trust.use(ca) }
            console.out(try node.sync.sync(over: try node.network()).text)
        }
    }

    static let status = Command(
        "status", summary: "pending operations, last sync, server cursor", options: [data]
    ) { arguments, console in
        try withNode(arguments) { console.out(try $0.reports.status().text) }
    }

    static let check = Command(
        "check", summary: "PRAGMA integrity_check of the node's database", options: [data]
    ) { arguments, console in
        try withNode(arguments) { node in
            let result = try node.store.integrityCheck()
            guard result == "ok" else { throw CommandFailure("integrity check failed: \(result)") }
            console.out("integrity check: ok")
        }
    }
}
