import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// The checks a manager runs on the data folder itself, and its backups.
enum IntegrityCommands {
    static let backup = Command(
        "backup", summary: "copy the database to FILE, online (the running server takes it while it serves)",
        options: [ServerTool.data], positionals: [Positional("FILE", "where to write the copy (must not exist)")]
    ) { arguments, console in
        let given = try arguments.positional("FILE")
        let file = given.hasPrefix("/") ? given : FileManager.default.currentDirectoryPath + "/" + given
        console.out(Escape.text(try StoreAccess.run(
            try arguments.required("data"), command: "backup", direct: { try $0.backup.write(to: file) },
            remote: { try $0.post("/backup", BackupRequest(file: file), as: AdminMessage.self).message })))
    }

    static let check = Command(
        "check", summary: "check the database's integrity and the audit log's hash chain",
        options: [ServerTool.data,
                  .repeated("witness", "ID:HASH", "an audit head a node saw (ardoise status): it must still be in the log")]
    ) { arguments, console in
        let witnesses = arguments.values("witness")
        let (integrity, audit) = try StoreAccess.run(
            try arguments.required("data"), command: "check",
            direct: { (try $0.store.integrityCheck(), try $0.audit.verify(witnesses: witnesses)) })
        guard integrity == "ok" else { throw CommandFailure("integrity check failed: \(integrity)") }
        console.out("integrity check: ok")
        if let problem = audit.problem {
            throw CommandFailure("audit log broken: \(problem) (\(audit.entries) entries verified before it)")
        }
        console.out("audit log: \(audit.entries) entries, hash chain intact, sheets as the changes say; head \(audit.head ?? "none")")
    }

    static let audit = Command(
        "audit", summary: "print the audit log, oldest first", options: [ServerTool.data]
    ) { arguments, console in
        for entry in try StoreAccess.run(try arguments.required("data"), command: "audit", direct: { try $0.audit.entries() }) {
            console.out(Escape.text("\(entry.id)  \(entry.at)  \(entry.actor)  \(entry.action)  \(entry.detail)"))
        }
    }
}
