import ArdoiseProtocol

/// One candidate line of a lot.
public struct LotLine: Sendable, Equatable {
    public var candidate: String
    public var subject: String?
    public var status: SheetStatus
    public var disputed: Bool
    /// Operations of this sheet not yet reflected in pulled server state.
    public var pending: Bool
}

/// A lot, its status and its candidates as the user sees them.
public struct LotReport: Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var group: String
    public var status: LotStatus
    public var pending: Bool
    public var lines: [LotLine]

    public var done: Int { lines.filter { $0.status.isDone }.count }
    public var total: Int { lines.count }

    public var header: String {
        "lot \(id)  épreuve \(epreuve)  group \(group)  \(status.rawValue)\(pending ? "  (lock not yet synced)" : "")"
    }

    public var text: String {
        var out = [header]
        let width = max(9, lines.map(\.candidate.count).max() ?? 0)
        for line in lines {
            var text = line.candidate.padded(width)
            text += "  " + (line.subject ?? "-").padded(8)
            text += "  " + line.status.label
            if line.disputed { text += "  DISPUTED" }
            if line.pending { text += "  *" }
            out.append(text)
        }
        out.append("done \(done)/\(total)" + (lines.contains { $0.pending } ? "  (* not yet synced)" : ""))
        return out.joined(separator: "\n")
    }

    /// One line per lot in a list of lots.
    public var summary: String {
        "\(id)  \(epreuve)  group \(group)  \(status.rawValue)\(pending ? "*" : "")  done \(done)/\(total)"
    }
}

private extension String {
    func padded(_ length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
