import ArdoiseProtocol
import ArdoiseSupport

/// A written barème as the académie writes it: `;`-separated UTF-8, one item per line
/// (`code;libelle;maximum;pas`), read whole and checked before anything is stored (D11).
public enum BaremeFile {
    public static let columns = ["code", "libelle", "maximum", "pas"]

    /// The items, or every problem as `FILE:LINE:COLUMN: column: problem`.
    public static func read(_ bytes: [UInt8], path: String) -> (items: [BaremeItem], problems: [String]) {
        let table = CSVTable(bytes, required: columns)
        var problems = table.problems.map { "\(path):\($0)" }
        var items: [BaremeItem] = []
        for row in table.rows {
            func problem(_ column: String, _ message: String) { problems.append("\(path):\(row.line):\(row.column(column)): \(column): \(message)") }
            let code = row.value("code"), label = row.value("libelle")
            if code.isEmpty || code.contains(".") || code.utf8.count > 32 || !code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                problem("code", "'\(code)' is not 1 to 32 letters, digits, '-' or '_'")
            }
            if label.isEmpty || label.utf8.count > 200 { problem("libelle", "empty or longer than 200 bytes") }
            let maximum = SheetRules.points(row.value("maximum")), step = SheetRules.points(row.value("pas"))
            if maximum == nil { problem("maximum", "'\(row.value("maximum"))' is not a number of points") }
            if step == nil { problem("pas", "'\(row.value("pas"))' is not a number of points") }
            if let maximum, let step { items.append(BaremeItem(code: code, label: label, maximum: maximum, step: step)) }
        }
        if problems.isEmpty {
            problems = Bareme(items: items).problems().map { "\(path): \($0)" }
        }
        return (problems.isEmpty ? items : [], problems)
    }
}
