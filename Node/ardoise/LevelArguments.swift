import ArdoiseCLI

/// `--level COMP=LEVEL` words as a competency → level map; malformed or repeated ones are usage errors.
enum LevelArguments {
    static func parse(_ words: [String]) throws -> [String: String] {
        var levels: [String: String] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandFailure.usage("--level '\(word)' is not COMPETENCY=LEVEL (for example --level ANA=B)")
            }
            let competency = String(parts[0])
            guard levels.updateValue(String(parts[1]), forKey: competency) == nil else {
                throw CommandFailure.usage("--level \(competency) is given twice")
            }
        }
        return levels
    }
}
