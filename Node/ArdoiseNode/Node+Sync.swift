import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// What one sync did.
public struct SyncSummary: Sendable, Equatable {
    public var pushed = 0
    public var applied = 0
    public var conflicts = 0
    public var rejected = 0
    /// Operations the server had already (a retry after a cut): acknowledged again without effect.
    public var duplicates = 0
    public var pulled = 0
    public var cursor: Int64 = 0
    public var referenceUpdated = false

    public var text: String {
        var line = "pushed \(pushed) (\(applied) applied, \(conflicts) conflict, \(rejected) rejected"
        line += duplicates > 0 ? ", \(duplicates) already there)" : ")"
        line += ", pulled \(pulled) changes, cursor \(cursor)"
        if referenceUpdated { line += ", reference data updated" }
        return line
    }
}

extension Node {
    /// Batch sizes of the wire (Messages.swift contract).
    static let pushBatch = 500
    static let pullPage = 500

    /// Push then pull (ARCHITECTURE "The node"). Each server answer is stored in its own transaction, so a
    /// failure at any point keeps what was done and the next sync finishes the job without duplicates.
    @discardableResult
    public func sync(client: some NodeTransport) throws -> SyncSummary {
        let who = try enrolment()
        var summary = SyncSummary()
        try push(client, who, &summary)
        try pull(client, who, &summary)
        try database.transaction { try setConfig(ConfigKey.lastSync, Date().formatted(.iso8601)) }
        return summary
    }

    /// Sends unacknowledged operations from the first one, in batches, and marks each acknowledged one
    /// with the revision that will show its effect once pulled.
    private func push(_ client: some NodeTransport, _ who: Enrolment, _ summary: inout SyncSummary) throws {
        while true {
            let operations = try database.rows(
                "SELECT body FROM outbox WHERE acked_rev IS NULL ORDER BY seq LIMIT \(Node.pushBatch)")
                .map { try JSONCoding.decode(SyncOperation.self, from: Array($0.string(0).utf8)) }
            guard let first = operations.first, let last = operations.last else { return }
            let response = try call(client, "POST", server: who.server, path: "/push", token: who.token,
                                    body: PushRequest(operations: operations), as: PushResponse.self)
            guard response.acknowledged >= first.seq else {
                throw CLIError("the server did not acknowledge operation \(first.seq) (its mark is \(response.acknowledged))",
                               hint: "nothing was lost; report this to the central manager")
            }
            try database.transaction {
                try database.run("UPDATE outbox SET acked_rev = ? WHERE acked_rev IS NULL AND seq <= ?",
                                 [.int(response.revision), .int(response.acknowledged)])
                try setConfig(ConfigKey.acked, max(try configInt(ConfigKey.acked), response.acknowledged))
            }
            for result in response.results where result.seq >= first.seq && result.seq <= last.seq {
                switch result.outcome {
                case .applied: summary.applied += 1
                case .conflict: summary.conflicts += 1
                case .rejected: summary.rejected += 1
                case .duplicate: summary.duplicates += 1
                }
            }
            summary.pushed += Int(min(response.acknowledged, last.seq) - first.seq + 1)
        }
    }

    /// Pulls pages of changes, each applied with its cursor in one transaction, then the reference data
    /// when its version moved.
    private func pull(_ client: some NodeTransport, _ who: Enrolment, _ summary: inout SyncSummary) throws {
        var cursor = try configInt(ConfigKey.cursor)
        var referenceVersion: Int64?
        while true {
            let page = try call(client, "GET", server: who.server, path: "/pull?cursor=\(cursor)&limit=\(Node.pullPage)",
                                token: who.token, as: PullResponse.self)
            try database.transaction {
                for change in page.changes { try apply(change) }
                try setConfig(ConfigKey.cursor, page.cursor)
            }
            summary.pulled += page.changes.count
            referenceVersion = page.referenceVersion
            let advanced = page.cursor != cursor
            cursor = page.cursor
            guard page.more else { break }
            // A page that says "more" but moves nothing would loop for ever.
            guard advanced || !page.changes.isEmpty else {
                throw CLIError.retryLater("the server's pull did not advance past cursor \(cursor)")
            }
        }
        summary.cursor = cursor
        let stored = try config(ConfigKey.referenceVersion).flatMap { Int64($0) }
        if stored == nil || stored != referenceVersion {
            let reference = try call(client, "GET", server: who.server, path: "/reference", token: who.token,
                                     as: ReferenceSnapshot.self)
            try database.transaction { try storeReference(reference) }
            summary.referenceUpdated = true
        }
    }

    /// Stores one pulled change (inside the page's transaction). A revision never goes backwards, so
    /// applying a page twice changes nothing.
    func apply(_ change: Change) throws {
        if let hlc = change.hlc { try observeClock(hlc) }
        switch change.kind {
        case .field:
            guard let candidate = change.candidate, let field = change.field else {
                throw malformed(change, "a field change without candidate or field")
            }
            try database.run("""
                INSERT INTO srv_fields(epreuve, candidate, field, value, rev, author, hlc) VALUES(?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(epreuve, candidate, field) DO UPDATE SET value = excluded.value, rev = excluded.rev,
                    author = excluded.author, hlc = excluded.hlc WHERE excluded.rev >= srv_fields.rev
                """, [.text(change.epreuve), .text(candidate), .text(field), .optional(change.value), .int(change.rev),
                      .optional(change.author), .optional(change.hlc?.description)])
        case .lot:
            guard let lot = change.lot, let value = change.value, LotStatus(rawValue: value) != nil else {
                throw malformed(change, "a lot change without lot or status")
            }
            try database.run("""
                INSERT INTO srv_lots(lot, status, rev) VALUES(?, ?, ?)
                ON CONFLICT(lot) DO UPDATE SET status = excluded.status, rev = excluded.rev
                    WHERE excluded.rev >= srv_lots.rev
                """, [.text(lot), .text(value), .int(change.rev)])
        case .conflict:
            guard let record = change.conflict else { throw malformed(change, "a conflict change without its record") }
            // Not the node side's clock: a rejected operation's clock may be one the server refused
            // (too far ahead); accepted clocks arrive with field changes anyway.
            try observeClock(record.server.hlc)
            let json = String(decoding: try JSONCoding.encode(record), as: UTF8.self)
            try database.run("""
                INSERT INTO srv_conflicts(id, epreuve, candidate, lot, field, kind, status, json) VALUES(?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET epreuve = excluded.epreuve, candidate = excluded.candidate,
                    lot = excluded.lot, field = excluded.field, kind = excluded.kind, status = excluded.status,
                    json = excluded.json
                """, [.int(record.id), .text(record.epreuve), .optional(record.candidate), .text(record.lot),
                      .text(record.field), .text(record.kind.rawValue), .text(record.status.rawValue), .text(json)])
        }
    }

    private func malformed(_ change: Change, _ what: String) -> CLIError {
        CLIError.retryLater("the server sent \(what) (revision \(change.rev)); nothing of that page was stored",
                            hint: "report this to the central manager")
    }
}
