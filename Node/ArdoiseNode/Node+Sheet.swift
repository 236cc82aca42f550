import ArdoiseProtocol
import ArdoiseSupport

extension Node {
    /// The evaluation sheet of a candidate as the user sees it (D22), blank where nothing is entered.
    public func sheetText(epreuve code: String, candidate: String) throws -> String {
        let who = try enrolment()
        let epreuve = try requireEpreuve(code)
        let lot = try requireLot(epreuve: code, candidate: candidate, centre: who.centre)
        let view = try sheetView(epreuve: code, candidate: candidate)
        var text = SheetPrinter.render(epreuve: epreuve, candidate: candidate, lot: lot.id, fields: view.fields,
                                       conflicts: try openConflicts(epreuve: code, candidate: candidate))
        if view.pending { text += "(entries not yet synced with the server)\n" }
        return text
    }

    /// `--level COMP=LEVEL` words as a competency → level map; malformed or repeated ones are usage errors.
    public static func parseLevels(_ words: [String]) throws -> [String: String] {
        var levels: [String: String] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CLIError.usage("--level '\(word)' is not COMPETENCY=LEVEL (for example --level ANA=B)")
            }
            let competency = String(parts[0])
            guard levels.updateValue(String(parts[1]), forKey: competency) == nil else {
                throw CLIError.usage("--level \(competency) is given twice")
            }
        }
        return levels
    }
}

extension Node {
    /// Where a sheet stands as the user sees it (printed after each action).
    public func sheetStatus(epreuve code: String, candidate: String) throws -> SheetStatus {
        let epreuve = try requireEpreuve(code)
        return SheetRules.status(of: try sheetView(epreuve: code, candidate: candidate).fields, in: epreuve)
    }
}
