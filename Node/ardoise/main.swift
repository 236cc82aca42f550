// ardoise: the node's command line, a thin layer over ArdoiseNode. Parses, calls, prints; every failure
// is one `error:` line (and maybe a `hint:`) on stderr with exit 1, 64 (usage) or 75 (retry later).
import ArdoiseNode
import ArdoiseSupport
#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: ardoise COMMAND --data NODEDIR [options]
      ardoise enrol  --data NODEDIR --server URL --code CODE [--label TEXT] [--again]
      ardoise grade  --data NODEDIR --as EXAMINER --epreuve CODE --candidate NUMBER
                     [--subject S] [--level COMP=LEVEL ...] [--comment TEXT]
      ardoise absent --data NODEDIR --as EXAMINER --epreuve CODE --candidate NUMBER [--present]
      ardoise lock   --data NODEDIR --as EXAMINER LOT
      ardoise lot    --data NODEDIR LOT
      ardoise lots   --data NODEDIR
      ardoise sheet  --data NODEDIR --epreuve CODE --candidate NUMBER
      ardoise sync   --data NODEDIR
      ardoise status --data NODEDIR
      ardoise check  --data NODEDIR
    grade, absent and lock ask for the examiner's secret (or read ARDOISE_SECRET).
    """

/// Writes to file descriptor 2 directly (the C `stderr` global is not concurrency-safe in Swift 6).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        offset += written
    }
}

func fail(_ error: CLIError) -> Never {
    printError("error: \(error.message)")
    if let hint = error.hint { printError("hint: \(hint)") }
    exit(error.exitCode)
}

/// Options each command accepts, so that a misspelt one is a usage error before anything is touched.
let commandOptions: [String: (valued: Set<String>, flags: Set<String>, positionals: Int)] = [
    "enrol": (["data", "server", "code", "label"], ["again"], 0),
    "grade": (["data", "as", "epreuve", "candidate", "subject", "level", "comment"], [], 0),
    "absent": (["data", "as", "epreuve", "candidate"], ["present"], 0),
    "lock": (["data", "as"], [], 1),
    "lot": (["data"], [], 1),
    "lots": (["data"], [], 0),
    "sheet": (["data", "epreuve", "candidate"], [], 0),
    "sync": (["data"], [], 0),
    "status": (["data"], [], 0),
    "check": (["data"], [], 0),
]

func run(_ command: String, _ arguments: Arguments, folder: String) throws {
    switch command {
    case "enrol":
        let server = try Node.normalisedServer(try arguments.required("server"))
        let code = try arguments.required("code")
        let label = arguments.value("label") ?? ""
        let node = try Node.open(folder: folder, create: true)
        let summary = try node.enrol(server: server, code: code, label: label, again: arguments.flag("again"))
        let status = try node.status()
        print("enrolled as node \(status.node) of centre \(status.centre) (\(status.session))")
        print(summary.text)
    case "grade":
        let examiner = try arguments.required("as")
        let epreuve = try arguments.required("epreuve")
        let candidate = try arguments.required("candidate")
        let levels = try Node.parseLevels(arguments.values("level"))
        let node = try Node.open(folder: folder)
        try node.verifyExaminer(examiner, secret: try examinerSecret(for: examiner))
        let operation = try node.grade(as: examiner, epreuve: epreuve, candidate: candidate,
                                       subject: arguments.value("subject"), levels: levels,
                                       comment: arguments.value("comment"))
        let status = try node.sheetStatus(epreuve: epreuve, candidate: candidate)
        print("recorded: \(epreuve) candidate \(candidate) now \(status.label) (operation \(operation.seq), not yet synced)")
    case "absent":
        let examiner = try arguments.required("as")
        let epreuve = try arguments.required("epreuve")
        let candidate = try arguments.required("candidate")
        let present = arguments.flag("present")
        let node = try Node.open(folder: folder)
        try node.verifyExaminer(examiner, secret: try examinerSecret(for: examiner))
        let operation = try node.markAttendance(as: examiner, epreuve: epreuve, candidate: candidate, present: present)
        print("recorded: \(epreuve) candidate \(candidate) \(present ? "present" : "absent (AB)") (operation \(operation.seq), not yet synced)")
    case "lock":
        let examiner = try arguments.required("as")
        let lot = try arguments.positional(0, "LOT")
        let node = try Node.open(folder: folder)
        try node.verifyExaminer(examiner, secret: try examinerSecret(for: examiner))
        let operation = try node.lock(as: examiner, lot: lot)
        print("recorded: lot \(lot) locked (operation \(operation.seq), not yet synced)")
    case "lot":
        let lot = try arguments.positional(0, "LOT")
        print(try Node.open(folder: folder).lotReport(lot).text)
    case "lots":
        let reports = try Node.open(folder: folder).lotReports()
        print(reports.isEmpty ? "no lots at this centre" : reports.map(\.summary).joined(separator: "\n"))
    case "sheet":
        let epreuve = try arguments.required("epreuve")
        let candidate = try arguments.required("candidate")
        print(try Node.open(folder: folder).sheetText(epreuve: epreuve, candidate: candidate), terminator: "")
    case "sync":
        print(try Node.open(folder: folder).sync().text)
    case "status":
        print(try Node.open(folder: folder).status().text)
    case "check":
        let result = try Node.open(folder: folder).integrityCheck()
        guard result == "ok" else { throw CLIError("integrity check failed: \(result)") }
        print("integrity check: ok")
    default:
        throw CLIError.usage("unknown command '\(command)'", hint: "run ardoise help")
    }
}

let words = Array(CommandLine.arguments.dropFirst())
guard let command = words.first else {
    printError(usage)
    exit(64)
}
if ["help", "--help", "-h"].contains(command) {
    print(usage)
    exit(0)
}
guard let spec = commandOptions[command] else {
    fail(CLIError.usage("unknown command '\(command)'", hint: "run ardoise help"))
}
var folder: String?
do {
    let arguments = try Arguments(Array(words.dropFirst()), valued: spec.valued, flagNames: spec.flags)
    try arguments.expectPositionals(atMost: spec.positionals)
    let data = try arguments.required("data")
    folder = data
    try run(command, arguments, folder: data)
} catch {
    fail(Node.userError(error, folder: folder))
}
