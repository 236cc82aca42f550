import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// Enrols this folder with a one-time code, then fetches the reference data and a first pull. The
/// enrolment is committed before the fetch, so a cut after it leaves a node that `sync` completes (the
/// code is used up on the server and must not be lost).
public struct EnrolmentClient {
    let store: NodeStore
    let wall: WallClock

    /// True once a token is stored.
    public var isEnrolled: Bool {
        get throws { try EnrolmentRecord.isEnrolled(store) }
    }

    /// `again` re-enrols an enrolled folder (its token was revoked): operations the server has not
    /// acknowledged are kept and renumbered from 1 for the new node id; acknowledged ones are retired.
    /// `ca`, a PEM file, is stored as the CA trusted for the server from now on (`ServerTrust`); without
    /// it a CA stored before is kept. `transport` should already trust it.
    @discardableResult
    public func enrol(server text: String, code: String, label: String, again: Bool = false, ca: String? = nil,
                      over transport: some NodeTransport) throws -> SyncSummary {
        let server = try ServerCall.normalised(text)
        let caFile = try ca.map(ServerTrust.checked)
        let previous: EnrolmentRecord? = try isEnrolled ? EnrolmentRecord.load(store) : nil
        if let previous, !again {
            throw NodeError.refused(
                "\(store.folder) is already enrolled as node \(previous.node) of centre \(previous.centre) (server \(previous.server))",
                hint: "use another data folder to enrol another node, or enrol again if its token was revoked")
        }
        if previous == nil && again { throw NodeError.refused("\(store.folder) is not enrolled yet: enrol it for the first time") }
        let response: EnrolResponse
        do {
            response = try ServerCall(transport: transport, server: server)
                .send("POST", "/enrol", token: nil, body: EnrolRequest(code: code, label: label), as: EnrolResponse.self)
        } catch let error as NodeError {
            let kind: NodeError.Kind = error.kind == .unreachable || error.kind == .untrustedCertificate ? error.kind : .refused
            throw NodeError(kind, "enrolment failed: \(error.message)",
                            hint: error.isTemporary ? "check the server address and the network, then enrol again with the same code" : nil)
        }
        let record = EnrolmentRecord(node: response.node, token: response.token, server: server, centre: response.centre,
                                     session: response.session)
        try store.database.transaction {
            let config = store.config
            if let caFile { try config.set(ConfigKey.caFile, caFile) }
            guard let previous else { return try record.store(in: config, label: label) }
            // The outbox and the pulled state belong to the centre: another centre's node cannot inherit them.
            guard previous.centre == response.centre else {
                throw NodeError.refused(
                    "the code is for centre \(response.centre) but this folder holds centre \(previous.centre)'s work; nothing was changed",
                    hint: "ask the central manager to revoke node \(response.node) and issue a code for \(previous.centre)")
            }
            try Outbox(store: store).renumber(from: previous.node, to: response.node)
            let next = try config.int(ConfigKey.nextSeq)
            let cursor = try config.int(ConfigKey.cursor)
            try record.store(in: config, label: label)
            // Pulled state stays valid: revisions are the server's, whatever node pulls them.
            try config.set(ConfigKey.cursor, cursor)
            try config.set(ConfigKey.nextSeq, next)
        }
        do {
            return try SyncClient(store: store, wall: wall).sync(over: transport)
        } catch let error as NodeError {
            throw NodeError(error.kind, "enrolled as node \(response.node) of centre \(response.centre), but the first sync failed: \(error.message)",
                            hint: "sync again when the server is reachable")
        }
    }

    /// Stores an enrolment and its reference data in one transaction, as `enrol` does; tests use it to
    /// build a node folder without a server.
    public func install(reference: ReferenceSnapshot, node: String, centre: String, token: String, server: String,
                        session: String? = nil, label: String = "") throws {
        try store.database.transaction {
            try EnrolmentRecord(node: node, token: token, server: server, centre: centre,
                                session: session ?? reference.session).store(in: store.config, label: label)
            try LocalReference(store: store).replace(with: reference)
        }
    }
}
