import ArdoiseCLI
import ArdoiseServer
import ArdoiseSupport

/// The checks a manager runs on the data folder itself; both need the folder to themselves.
enum IntegrityCommands {
    static let check = Command(
        "check", summary: "check the database's integrity and the audit log's hash chain",
        options: [ServerTool.data]
    ) { arguments, console in
        let (integrity, audit) = try StoreAccess.run(
            try arguments.required("data"), command: "check", direct: { (try $0.store.integrityCheck(), try $0.audit.verify()) })
        guard integrity == "ok" else { throw CommandFailure("integrity check failed: \(integrity)") }
        console.out("integrity check: ok")
        if let problem = audit.problem {
            throw CommandFailure("audit log broken: \(problem) (\(audit.entries) entries verified before it)")
        }
        console.out("audit log: \(audit.entries) entries, hash chain intact")
    }

    static let audit = Command(
        "audit", summary: "print the audit log, oldest first", options: [ServerTool.data]
    ) { arguments, console in
        for entry in try StoreAccess.run(try arguments.required("data"), command: "audit", direct: { try $0.audit.entries() }) {
            console.out(Escape.text("\(entry.id)  \(entry.at)  \(entry.actor)  \(entry.action)  \(entry.detail)"))
        }
    }
}
