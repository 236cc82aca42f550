import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Push then pull (ARCHITECTURE "The node"). Each server answer is stored in its own transaction, so a
/// failure at any point keeps what was done and the next sync finishes the job without duplicates.
public struct SyncClient {
    let store: NodeStore
    let wall: WallClock

    /// Batch sizes of the wire (Messages.swift contract).
    static let pushBatch = 500
    static let pullPage = 500

    @discardableResult
    public func sync(over transport: some NodeTransport) throws -> SyncSummary {
        let who = try EnrolmentRecord.load(store)
        let call = ServerCall(transport: transport, server: who.server)
        var summary = SyncSummary()
        try push(call, who, &summary)
        try pull(call, who, &summary)
        try store.database.transaction { try store.config.set(ConfigKey.lastSync, wall.iso8601) }
        return summary
    }

    /// Sends unacknowledged operations from the first one, in batches, and marks each acknowledged one
    /// with the revision that will show its effect once pulled.
    private func push(_ call: ServerCall, _ who: EnrolmentRecord, _ summary: inout SyncSummary) throws {
        let outbox = Outbox(store: store)
        while true {
            let operations = try outbox.unacknowledged(limit: Self.pushBatch)
            guard let first = operations.first, let last = operations.last else { return }
            let response = try call.send("POST", "/push", token: who.token, body: PushRequest(operations: operations),
                                         as: PushResponse.self)
            guard response.acknowledged >= first.seq else {
                throw NodeError(.unexpectedAnswer,
                                "the server did not acknowledge operation \(first.seq) (its mark is \(response.acknowledged))",
                                hint: "nothing was lost; report this to the central manager")
            }
            try store.database.transaction { try outbox.acknowledge(upTo: response.acknowledged, revision: response.revision) }
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
    private func pull(_ call: ServerCall, _ who: EnrolmentRecord, _ summary: inout SyncSummary) throws {
        let changes = PulledChanges(store: store, wall: wall)
        var cursor = try store.config.int(ConfigKey.cursor)
        var referenceVersion: Int64?
        while true {
            let page = try call.send("GET", "/pull?cursor=\(cursor)&limit=\(Self.pullPage)", token: who.token,
                                     as: PullResponse.self)
            try store.database.transaction {
                for change in page.changes { try changes.apply(change) }
                try store.config.set(ConfigKey.cursor, page.cursor)
            }
            summary.pulled += page.changes.count
            referenceVersion = page.referenceVersion
            let advanced = page.cursor != cursor
            cursor = page.cursor
            guard page.more else { break }
            // A page that says "more" but moves nothing would loop for ever.
            guard advanced || !page.changes.isEmpty else {
                throw NodeError(.unexpectedAnswer, "the server's pull did not advance past cursor \(cursor)")
            }
        }
        summary.cursor = cursor
        let stored = try store.config.text(ConfigKey.referenceVersion).flatMap { Int64($0) }
        if stored == nil || stored != referenceVersion {
            let reference = try call.send("GET", "/reference", token: who.token, as: ReferenceSnapshot.self)
            try store.database.transaction { try LocalReference(store: store).replace(with: reference) }
            summary.referenceUpdated = true
        }
    }
}
