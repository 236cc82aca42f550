import ArdoiseCLI
import ArdoiseNode

/// What examiners do: grade, mark attendance, lock. Each asks for the examiner's secret first.
extension NodeTool {
    static let examiner = Option.value("as", "EXAMINER", "the examiner who acts (their secret is asked)", required: true)
    static let epreuve = Option.value("epreuve", "CODE", "the épreuve", required: true)
    static let candidate = Option.value("candidate", "NUMBER", "the candidate's anonymous number", required: true)
    static let secretNote = "The examiner's secret is typed at the prompt (no echo), or one line on standard input, "
        + "or ARDOISE_SECRET for scripts; never an argument (arguments show in ps)."

    static let grade = Command(
        "grade", summary: "record levels, subject and comment of a candidate's evaluation sheet",
        options: [data, examiner, epreuve, candidate, .value("subject", "S", "the subject drawn"),
                  .repeated("level", "COMP=LEVEL", "a competency's level (A, B, C or D)"),
                  .value("comment", "TEXT", "the examiner's comment")],
        discussion: secretNote
    ) { arguments, console in
        let who = try arguments.required("as")
        let code = try arguments.required("epreuve")
        let number = try arguments.required("candidate")
        let levels = try LevelArguments.parse(arguments.values("level"))
        try withNode(arguments) { node in
            let secret = try ExaminerSecret.read(for: who)
            try node.verifier.verify(who, secret: secret)
            let operation = try node.grading.grade(as: who, secret: secret, epreuve: code, candidate: number, subject: arguments.value("subject"),
                                                   levels: levels, comment: arguments.value("comment"))
            let status = try node.reports.sheetStatus(epreuve: code, candidate: number)
            console.out("recorded: \(code) candidate \(number) now \(status.label) (operation \(operation.seq), not yet synced)")
        }
    }

    static let absent = Command(
        "absent", summary: "mark a candidate absent (AB), or present again",
        options: [data, examiner, epreuve, candidate, .flag("present", "mark present instead")], discussion: secretNote
    ) { arguments, console in
        let who = try arguments.required("as")
        let code = try arguments.required("epreuve")
        let number = try arguments.required("candidate")
        let present = arguments.flag("present")
        try withNode(arguments) { node in
            let secret = try ExaminerSecret.read(for: who)
            try node.verifier.verify(who, secret: secret)
            let operation = try node.grading.markAttendance(as: who, secret: secret, epreuve: code, candidate: number, present: present)
            console.out("recorded: \(code) candidate \(number) \(present ? "present" : "absent (AB)") "
                        + "(operation \(operation.seq), not yet synced)")
        }
    }

    static let lock = Command(
        "lock", summary: "lock a lot once every candidate is graded or absent (D12)",
        options: [data, examiner], positionals: [Positional("LOT", "the lot to lock")], discussion: secretNote
    ) { arguments, console in
        let who = try arguments.required("as")
        let lot = try arguments.positional("LOT")
        try withNode(arguments) { node in
            let secret = try ExaminerSecret.read(for: who)
            try node.verifier.verify(who, secret: secret)
            let operation = try node.grading.lock(as: who, secret: secret, lot: lot)
            console.out("recorded: lot \(lot) locked (operation \(operation.seq), not yet synced)")
        }
    }
}
