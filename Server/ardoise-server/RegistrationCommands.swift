import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `import`: the registration system's export, a folder of CSV files, checked whole then written at once.
enum RegistrationCommands {
    static let importFolder = Command(
        "import", summary: "import the registration export of a folder: centres, épreuves, candidates, assignments",
        options: [ServerTool.data,
                  .value("why", "TEXT", "the reason, when candidates with a grade or an attendance change exam centre (D13)")],
        positionals: [Positional("FOLDER", "the folder of CSV files")],
        discussion: "Files (;-separated UTF-8, header line first):\n"
            + RegistrationFolder.files.map { file in
                "  \(file.name)\(file.mayBeAbsent ? " (may be absent)" : ""): "
                    + (file.required + file.optional.map { "[\($0)]" }).joined(separator: ";")
            }.joined(separator: "\n")
            + "\nEvery problem is printed as FILE:LINE:COLUMN: problem, and then nothing is written."
    ) { arguments, console in
        let folder = try arguments.positional("FOLDER")
        var reader = RegistrationReader()
        guard let data = reader.read(folder: folder) else {
            for problem in reader.problems.prefix(200) { console.err(Escape.text(problem)) }
            if reader.problems.count > 200 { console.err("… and \(reader.problems.count - 200) more") }
            throw CommandFailure("\(SessionCommands.count(reader.problems.count, "problem")) in \(folder): nothing was imported")
        }
        let why = arguments.value("why")
        let summary = try StoreAccess.run(try arguments.required("data"), command: "import",
                                          direct: { try $0.registrations.load(data, why: why) },
                                          remote: { client in
            // The files go as bytes, read again by the server: it reads no path of ours.
            try client.post("/import", RegistrationImportRequest(folder: folder, files: try files(of: folder), why: why),
                            as: RegistrationImport.Summary.self)
        })
        console.out(Escape.text("imported \(data.session): \(SessionCommands.count(summary.centres, "centre")), "
            + "\(SessionCommands.count(summary.epreuves, "épreuve")), \(SessionCommands.count(summary.candidates, "candidate")) "
            + "(\(summary.added) new, \(summary.removed) removed), \(SessionCommands.count(summary.registrations, "registration")), "
            + "\(summary.assigned) assigned" + (summary.reassigned > 0 ? ", \(summary.reassigned) reassigned" : "")))
    }

    /// The export's files present in `folder`, by name, as they are on disk.
    private static func files(of folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in RegistrationFolder.files {
            let path = (folder as NSString).appendingPathComponent(file.name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the file") }
            files[file.name] = data
        }
        return files
    }
}
