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
    /// with the revision that will show its effect once pulled. The first request is sent even with
    /// nothing to send: its answer tells whether the server is the one this node last saw (`epoch`).
    private func push(_ call: ServerCall, _ who: EnrolmentRecord, _ summary: inout SyncSummary) throws {
        let outbox = Outbox(store: store)
        var asked = false
        var resent = false
        while true {
            let operations = try outbox.unacknowledged(limit: Self.pushBatch)
            if asked && operations.isEmpty { return }
            asked = true
            let response: PushResponse
            do {
                response = try call.send("POST", "/push", token: who.token, body: PushRequest(operations: operations),
                                         as: PushResponse.self)
            } catch let error as NodeError {
                // A server restored from a backup holds fewer of this node's operations: send them again, once.
                guard case .sequenceGap(let expected) = error.kind, !resent else { throw error }
                try store.database.transaction { try outbox.resend(from: expected) }
                resent = true
                continue
            }
            if let head = response.auditHead { try store.database.transaction { try store.config.set(ConfigKey.auditWitness, head) } }
            if try store.database.transaction({ try noticeRestore(response.epoch, acknowledged: response.acknowledged) }) {
                summary.serverRestored = true
                continue
            }
            guard let first = operations.first, let last = operations.last else { return }
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

    /// A new server epoch means the server was restored from a backup: its revisions are not the ones
    /// this node pulled, and it may have lost operations it had acknowledged. Pull everything again and
    /// resend what it does not hold (inside a transaction). True when that happened.
    private func noticeRestore(_ epoch: String?, acknowledged: Int64) throws -> Bool {
        guard let epoch else { return false }
        let config = store.config
        let known = try config.text(ConfigKey.serverEpoch)
        try config.set(ConfigKey.serverEpoch, epoch)
        guard let known, known != epoch else { return false }
        let outbox = Outbox(store: store)
        try outbox.forgetRevisions()
        try outbox.resend(from: acknowledged + 1)
        for table in ["srv_fields", "srv_lots", "srv_conflicts"] { try store.database.execute("DELETE FROM \(table)") }
        try config.set(ConfigKey.cursor, 0)
        return true
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
            if let epoch = page.epoch, try store.config.text(ConfigKey.serverEpoch) != epoch {
                throw NodeError(.unreachable, "the server was replaced during this sync (restored from a backup?)")
            }
            try store.database.transaction {
                for change in page.changes { try changes.apply(change) }
                try store.config.set(ConfigKey.cursor, page.cursor)
            }
            summary.pulled += page.changes.count
            summary.harmonised += page.changes.filter { $0.kind == .field && $0.field == SheetField.harmonisedGrade }.count
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
