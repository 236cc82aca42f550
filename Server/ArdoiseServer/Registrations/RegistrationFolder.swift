import ArdoiseSupport
import Foundation

/// The files of one registration export, by kind, and their columns (README "Registrations"): what an
/// import reads from a folder. `parties.csv` may be absent (no épreuve has parts); the others must be there.
public enum RegistrationFolder {
    public struct File: Sendable {
        public let name: String
        public let required: [String]
        public let optional: [String]
        public let mayBeAbsent: Bool
    }

    public static let session = File(name: "session.csv", required: ["session", "libelle", "academie"], optional: [],
                                     mayBeAbsent: false)
    public static let centres = File(name: "centres.csv", required: ["code", "nom", "type"], optional: [], mayBeAbsent: false)
    public static let epreuves = File(name: "epreuves.csv", required: ["code_epreuve", "libelle", "type", "specialite"],
                                      optional: [], mayBeAbsent: false)
    public static let parts = File(name: "parties.csv", required: ["code_epreuve", "code_partie", "libelle", "discipline"],
                                   optional: [], mayBeAbsent: true)
    public static let candidates = File(name: "candidats.csv",
                                        required: ["numero_candidat", "etablissement", "division", "epreuves", "fraude"],
                                        optional: [], mayBeAbsent: false)
    public static let assignments = File(name: "affectations.csv",
                                         required: ["numero_candidat", "code_epreuve", "centre_examen"],
                                         optional: ["centre_numerisation"], mayBeAbsent: false)
    public static let assignmentStatus = File(name: "etat_affectations.csv",
                                              required: ["code_epreuve", "affectation_terminee"], optional: [],
                                              mayBeAbsent: false)

    public static let files = [session, centres, epreuves, parts, candidates, assignments, assignmentStatus]

    /// Reads one file of `folder` against its columns; problems come back as `PATH:LINE:COLUMN: problem`.
    /// An absent optional file reads as a table with no rows. With `contents` (files sent to the admin API,
    /// by name) nothing is read from disk: `folder` only names the files in problems.
    static func table(_ file: File, in folder: String, contents: [String: [UInt8]]? = nil,
                      problems: inout [String]) -> (path: String, table: CSVTable)? {
        let path = (folder as NSString).appendingPathComponent(file.name)
        let present = contents.map { $0[file.name] != nil } ?? FileManager.default.fileExists(atPath: path)
        guard present else {
            if !file.mayBeAbsent { problems.append("\(path):1:1: file missing (columns: \(file.required.joined(separator: ";")))") }
            return nil
        }
        guard let data = contents?[file.name] ?? FileManager.default.contents(atPath: path).map(Array.init) else {
            problems.append("\(path):1:1: cannot read the file")
            return nil
        }
        let table = CSVTable(data, required: file.required, optional: file.optional)
        problems += table.problems.map { "\(path):\($0)" }
        return (path, table)
    }
}
