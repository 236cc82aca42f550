import ArdoiseSupport
import Synchronization

/// Refused requests are counted, not stored one by one (issue 8 item 1): the first refusal of a client
/// (and of whom it claimed to be) in a minute is an audit entry, the next ones only a count, written as one summary entry once the
/// minute is over (or when the server stops). Details are cut to `detailBytes`, so a refused request can
/// neither fill the disk nor the log through its path.
public final class RefusalLog: Sendable {
    public static let detailBytes = 200

    /// Per client address and who was refused (a node a token names, `anonymous`, `manager`): both are
    /// bounded, whatever an attacker sends.
    private struct Key: Hashable {
        var client: String
        var actor: String
        var minute: Int64
    }

    private struct Tally {
        var actor: String
        var count = 0
        var statuses: [String: Int] = [:]
    }

    private let tallies = Mutex<[Key: Tally]>([:])

    public init() {}

    /// What to write now for one refusal: the entry for the first refusal of the minute, and summaries of
    /// minutes that are over.
    func note(client: String, actor: String, status: String, detail: String, now: WallClock)
        -> (first: (actor: String, detail: String)?, summaries: [(actor: String, detail: String)]) {
        let minute = Int64(now.seconds / 60)
        return tallies.withLock { tallies in
            let key = Key(client: client, actor: actor, minute: minute)
            var tally = tallies[key] ?? Tally(actor: actor)
            tally.count += 1
            tally.statuses[status, default: 0] += 1
            tallies[key] = tally
            let first = tally.count == 1 ? (actor: actor, detail: Self.cut(detail)) : nil
            return (first, Self.takeSummaries(&tallies, before: minute))
        }
    }

    /// Summaries of every minute so far (the server is stopping).
    func flush() -> [(actor: String, detail: String)] {
        tallies.withLock { Self.takeSummaries(&$0, before: .max) }
    }

    private static func takeSummaries(_ tallies: inout [Key: Tally], before minute: Int64) -> [(actor: String, detail: String)] {
        let over = tallies.keys.filter { $0.minute < minute }.sorted { ($0.minute, $0.client, $0.actor) < ($1.minute, $1.client, $1.actor) }
        return over.compactMap { key in
            guard let tally = tallies.removeValue(forKey: key), tally.count > 1 else { return nil }
            let statuses = tally.statuses.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            return (tally.actor, "\(tally.count - 1) more refused requests from \(key.client) in the minute from "
                + "\(WallClock { Double(key.minute * 60) }.iso8601) (\(statuses) in all)")
        }
    }

    /// At most `detailBytes` bytes, cut on a character boundary.
    public static func cut(_ text: String) -> String { LogBudget.cut(text, detailBytes) }
}
