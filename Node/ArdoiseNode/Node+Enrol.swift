import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

extension Node {
    /// Enrols this folder with a one-time code, then fetches the reference data and a first pull. The
    /// enrolment is committed before the fetch, so a cut after it leaves a node that `sync` completes
    /// (the code is used up on the server and must not be lost).
    /// `again` re-enrols an enrolled folder (its token was revoked): operations the server has not
    /// acknowledged are kept and renumbered from 1 for the new node id; acknowledged ones are retired.
    @discardableResult
    public func enrol(server text: String, code: String, label: String, again: Bool = false,
                      client: some NodeTransport) throws -> SyncSummary {
        let server = try Node.normalisedServer(text)
        let previous: Enrolment? = try isEnrolled ? enrolment() : nil
        if let previous, !again {
            throw CLIError("\(folder) is already enrolled as node \(previous.node) of centre \(previous.centre) (server \(previous.server))",
                           hint: "use another --data folder to enrol another node, or --again if its token was revoked")
        }
        if previous == nil && again { throw CLIError("\(folder) is not enrolled yet: enrol it without --again") }
        let response: EnrolResponse
        do {
            response = try call(client, "POST", server: server, path: "/enrol", token: nil,
                                body: EnrolRequest(code: code, label: label), as: EnrolResponse.self)
        } catch let error as CLIError {
            throw CLIError("enrolment failed: \(error.message)",
                           hint: error.exitCode == 75 ? "check --server and the network, then enrol again with the same code" : nil,
                           exitCode: error.exitCode)
        }
        try database.transaction {
            if let previous {
                // The outbox and the pulled state belong to the centre: another centre's node cannot inherit them.
                guard previous.centre == response.centre else {
                    throw CLIError("the code is for centre \(response.centre) but this folder holds centre \(previous.centre)'s work; nothing was changed",
                                   hint: "ask the central manager to revoke node \(response.node) and issue a code for \(previous.centre)")
                }
                try renumberOutbox(from: previous.node, to: response.node)
                let next = try configInt(ConfigKey.nextSeq)
                let cursor = try configInt(ConfigKey.cursor)
                try storeEnrolment(node: response.node, token: response.token, server: server, centre: response.centre,
                                   session: response.session, label: label)
                // Pulled state stays valid: revisions are the server's, whatever node pulls them.
                try setConfig(ConfigKey.cursor, cursor)
                try setConfig(ConfigKey.nextSeq, next)
            } else {
                try storeEnrolment(node: response.node, token: response.token, server: server, centre: response.centre,
                                   session: response.session, label: label)
            }
        }
        do {
            return try sync(client: client)
        } catch let error as CLIError {
            throw CLIError("enrolled as node \(response.node) of centre \(response.centre), but the first sync failed: \(error.message)",
                           hint: "run ardoise sync --data \(folder) when the server is reachable", exitCode: error.exitCode)
        }
    }

    /// Retires acknowledged operations and gives the others contiguous numbers from 1 under the new node
    /// id, keeping their order, clocks, authors and values (inside the re-enrolment transaction).
    private func renumberOutbox(from old: String, to new: String) throws {
        try database.run("""
            INSERT OR REPLACE INTO outbox_retired(node, seq, body, acked_rev)
            SELECT ?, seq, body, acked_rev FROM outbox WHERE acked_rev IS NOT NULL
            """, [.text(old)])
        try database.execute("DELETE FROM outbox WHERE acked_rev IS NOT NULL")
        let rows = try database.rows("SELECT seq, body FROM outbox ORDER BY seq")
        // Out of the way first: new numbers may collide with old ones.
        try database.execute("UPDATE outbox SET seq = -seq")
        for (index, row) in rows.enumerated() {
            var operation = try JSONCoding.decode(SyncOperation.self, from: Array(row.string(1).utf8))
            operation.node = new
            operation.seq = Int64(index + 1)
            let body = String(decoding: try JSONCoding.encode(operation), as: UTF8.self)
            try database.run("UPDATE outbox SET seq = ?, body = ? WHERE seq = ?",
                             [.int(operation.seq), .text(body), .int(-row.integer(0))])
        }
        try setConfig(ConfigKey.nextSeq, Int64(rows.count + 1))
    }
}
