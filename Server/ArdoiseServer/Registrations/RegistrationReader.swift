import ArdoiseProtocol
import ArdoiseSupport

/// Reads a registration export folder whole and checks it: every value, every key unique, every code it
/// refers to known. Returns the data, or every problem as `FILE:LINE:COLUMN: problem`; nothing is written.
public struct RegistrationReader {
    public private(set) var problems: [String] = []
    private var path = ""

    public init() {}

    /// The folder's data when it has no problem; else nil and `problems` says why. With `contents` the
    /// files are those bytes, by file name, as the admin API receives them (the server reads no client path).
    public mutating func read(folder: String, contents: [String: [UInt8]]? = nil) -> RegistrationData? {
        var data = RegistrationData(session: "", label: "", academie: "", centres: [], epreuves: [], candidates: [],
                                    assignments: [])
        let files = RegistrationFolder.files.map { RegistrationFolder.table($0, in: folder, contents: contents, problems: &problems) }
        guard problems.isEmpty, let session = files[0], let centres = files[1], let epreuves = files[2],
              let candidates = files[4], let assignments = files[5], let status = files[6] else { return nil }
        readSession(session, into: &data)
        readCentres(centres, into: &data)
        readEpreuves(epreuves, parts: files[3], status: status, into: &data)
        readCandidates(candidates, into: &data)
        readAssignments(assignments, into: &data)
        if problems.isEmpty { checkFinished(status, data) }
        return problems.isEmpty ? data : nil
    }

    private mutating func problem(_ row: CSVTable.Row, _ column: String, _ message: String) {
        problems.append("\(path):\(row.line):\(row.column(column)): \(column): \(message)")
    }

    /// A code: 1 to 32 letters, digits, `-`, `_` or `.` (mission ids are made of them).
    private mutating func code(_ row: CSVTable.Row, _ column: String) -> String {
        let value = row.value(column)
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || $0 == "-" || $0 == "_" || $0 == ".") }
        if value.isEmpty || value.utf8.count > 32 || !allowed {
            problem(row, column, "\"\(value)\" is not a code (1 to 32 letters, digits, - _ .)")
        }
        return value
    }

    private mutating func text(_ row: CSVTable.Row, _ column: String, empty: Bool = false) -> String {
        let value = row.value(column)
        if value.isEmpty && !empty { problem(row, column, "empty") }
        if value.utf8.count > 200 { problem(row, column, "longer than 200 bytes") }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problem(row, column, "a control character")
        }
        return value
    }

    private mutating func yesNo(_ row: CSVTable.Row, _ column: String) -> Bool {
        switch row.value(column).lowercased() {
        case "oui", "o": return true
        case "non", "n": return false
        default:
            problem(row, column, "\"\(row.value(column))\" is neither oui nor non")
            return false
        }
    }

    /// Remembers `key` and reports a second row with it.
    private mutating func unique(_ key: String, _ row: CSVTable.Row, _ column: String, in seen: inout [String: Int]) -> Bool {
        if let first = seen[key] {
            problem(row, column, "duplicate \(key) (first on line \(first))")
            return false
        }
        seen[key] = row.line
        return true
    }

    private mutating func readSession(_ file: (path: String, table: CSVTable), into data: inout RegistrationData) {
        path = file.path
        guard file.table.rows.count == 1, let row = file.table.rows.first else {
            problems.append("\(path):2:1: exactly one session line is needed, found \(file.table.rows.count)")
            return
        }
        data.session = text(row, "session")
        data.label = text(row, "libelle")
        data.academie = text(row, "academie")
    }

    private mutating func readCentres(_ file: (path: String, table: CSVTable), into data: inout RegistrationData) {
        path = file.path
        var seen: [String: Int] = [:]
        for row in file.table.rows {
            let code = code(row, "code"), name = text(row, "nom")
            guard let kind = CentreKind(rawValue: row.value("type")) else {
                problem(row, "type", "unknown kind \"\(row.value("type"))\" (expected "
                        + CentreKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                continue
            }
            if unique(code, row, "code", in: &seen) { data.centres.append(RegistrationCentre(code: code, name: name, kind: kind)) }
        }
    }

    private mutating func readEpreuves(_ file: (path: String, table: CSVTable), parts: (path: String, table: CSVTable)?,
                                       status: (path: String, table: CSVTable), into data: inout RegistrationData) {
        path = file.path
        var seen: [String: Int] = [:]
        for row in file.table.rows {
            let code = code(row, "code_epreuve"), label = text(row, "libelle"), speciality = text(row, "specialite")
            guard let kind = EpreuveKind(rawValue: row.value("type")) else {
                problem(row, "type", "unknown kind \"\(row.value("type"))\" (expected ecrit, oral, ece)")
                continue
            }
            if unique(code, row, "code_epreuve", in: &seen) {
                data.epreuves.append(RegistrationEpreuve(code: code, label: label, kind: kind, speciality: speciality, parts: [],
                                                         assignmentFinished: false))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: data.epreuves.enumerated().map { ($1.code, $0) })
        if let parts {
            path = parts.path
            var seenParts: [String: Int] = [:]
            for row in parts.table.rows {
                let epreuve = row.value("code_epreuve"), part = code(row, "code_partie")
                let label = text(row, "libelle"), discipline = text(row, "discipline")
                guard let index = position[epreuve] else {
                    problem(row, "code_epreuve", "unknown épreuve \"\(epreuve)\"")
                    continue
                }
                if unique("\(epreuve)/\(part)", row, "code_partie", in: &seenParts) {
                    data.epreuves[index].parts.append(EpreuvePart(code: part, label: label, discipline: discipline))
                }
            }
        }
        path = status.path
        var seenStatus: [String: Int] = [:]
        for row in status.table.rows {
            let epreuve = row.value("code_epreuve"), finished = yesNo(row, "affectation_terminee")
            guard let index = position[epreuve] else {
                problem(row, "code_epreuve", "unknown épreuve \"\(epreuve)\"")
                continue
            }
            if unique(epreuve, row, "code_epreuve", in: &seenStatus) { data.epreuves[index].assignmentFinished = finished }
        }
    }

    private mutating func readCandidates(_ file: (path: String, table: CSVTable), into data: inout RegistrationData) {
        path = file.path
        let centres = Dictionary(uniqueKeysWithValues: data.centres.map { ($0.code, $0.kind) })
        let epreuves = Set(data.epreuves.map(\.code))
        var seen: [String: Int] = [:]
        for row in file.table.rows {
            let number = code(row, "numero_candidat"), school = row.value("etablissement")
            let division = text(row, "division"), fraud = yesNo(row, "fraude")
            if centres[school]?.isSchool != true {
                problem(row, "etablissement", centres[school] == nil ? "unknown centre \"\(school)\""
                        : "\(school) is a \(centres[school]?.rawValue ?? "") centre, not a school")
            }
            let registered = row.value("epreuves").split(separator: "|", omittingEmptySubsequences: false)
                .map { String($0).csvTrimmed }
            if registered == [""] { problem(row, "epreuves", "no épreuve (codes separated by |)") }
            for code in registered where !code.isEmpty && !epreuves.contains(code) {
                problem(row, "epreuves", "unknown épreuve \"\(code)\"")
            }
            if Set(registered).count != registered.count { problem(row, "epreuves", "an épreuve listed twice") }
            if unique(number, row, "numero_candidat", in: &seen) {
                data.candidates.append(RegisteredCandidate(number: number, school: school, division: division,
                                                           epreuves: registered, fraud: fraud))
            }
        }
    }

    private mutating func readAssignments(_ file: (path: String, table: CSVTable), into data: inout RegistrationData) {
        path = file.path
        let centres = Dictionary(uniqueKeysWithValues: data.centres.map { ($0.code, $0.kind) })
        let kinds = Dictionary(uniqueKeysWithValues: data.epreuves.map { ($0.code, $0.kind) })
        let registered = Dictionary(uniqueKeysWithValues: data.candidates.map { ($0.number, Set($0.epreuves)) })
        var seen: [String: Int] = [:]
        for row in file.table.rows {
            let candidate = row.value("numero_candidat"), epreuve = row.value("code_epreuve")
            let centre = row.value("centre_examen"), scan = row.value("centre_numerisation")
            guard let epreuves = registered[candidate] else {
                problem(row, "numero_candidat", "unknown candidate \"\(candidate)\"")
                continue
            }
            guard let kind = kinds[epreuve] else {
                problem(row, "code_epreuve", "unknown épreuve \"\(epreuve)\"")
                continue
            }
            if !epreuves.contains(epreuve) { problem(row, "code_epreuve", "candidate \(candidate) is not registered for \(epreuve)") }
            if centres[centre] != .examCentre {
                problem(row, "centre_examen", centres[centre] == nil ? "unknown centre \"\(centre)\"" : "\(centre) is not an exam centre")
            }
            if kind == .ecrit && centres[scan] != .scanCentre {
                problem(row, "centre_numerisation", scan.isEmpty ? "a written épreuve needs a scan centre"
                        : centres[scan] == nil ? "unknown centre \"\(scan)\"" : "\(scan) is not a scan centre")
            } else if kind != .ecrit && !scan.isEmpty {
                problem(row, "centre_numerisation", "only written épreuves are scanned (\(epreuve) is \(kind.rawValue))")
            }
            if unique("\(candidate)/\(epreuve)", row, "code_epreuve", in: &seen) {
                data.assignments.append(Assignment(candidate: candidate, epreuve: epreuve, examCentre: centre,
                                                   scanCentre: scan.isEmpty ? nil : scan))
            }
        }
    }

    /// An épreuve whose assignment is said finished has every registered candidate assigned.
    private mutating func checkFinished(_ status: (path: String, table: CSVTable), _ data: RegistrationData) {
        path = status.path
        let assigned = Set(data.assignments.map { "\($0.candidate)/\($0.epreuve)" })
        for row in status.table.rows where data.epreuves.first(where: { $0.code == row.value("code_epreuve") })?.assignmentFinished == true {
            let epreuve = row.value("code_epreuve")
            let missing = data.candidates.filter { $0.epreuves.contains(epreuve) && !assigned.contains("\($0.number)/\(epreuve)") }
            if !missing.isEmpty {
                problem(row, "affectation_terminee", "said finished, but \(missing.count) registered candidate"
                        + "\(missing.count == 1 ? " has" : "s have") no assignment (\(missing.prefix(3).map(\.number).joined(separator: ", ")))")
            }
        }
    }
}
