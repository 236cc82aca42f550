import ArdoiseProtocol
import ArdoiseReferenceStore
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Enrolment of nodes: one-time codes issued for a centre (only their hash is kept), spent once for a
/// token (only its hash is kept).
public struct NodeEnrolment: Sendable {
    let store: CentralStore
    let clock: WallClock
    let random: RandomSource

    /// Issues a one-time enrolment code for a node of `centre`.
    public func issueCode(centre: String, validFor hours: Double = 24) throws -> EnrolCodeResponse {
        let code = try random.code()
        let expires = clock.date.addingTimeInterval(hours * 3600)
        try store.write { db in
            guard try ReferenceTables(db: db).centre(centre) != nil else {
                throw ServerError.notFound("unknown centre \(centre)")
            }
            try db.run("INSERT INTO enrol_codes(code_hash, centre, expires_at) VALUES (?, ?, ?)",
                       [.text(Digest.sha256Hex(code)), .text(centre), .double(expires.timeIntervalSince1970)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: "manager", action: "enrolment-code",
                                                      detail: "centre \(centre), expires \(expires.formatted(.iso8601))")
        }
        return EnrolCodeResponse(code: code, centre: centre, expires: expires.formatted(.iso8601))
    }

    /// Spends a code once and returns a new node's token.
    public func enrol(code: String, label: String) throws -> EnrolResponse {
        let token = try random.token()
        let codeHash = Digest.sha256Hex(code.uppercased().trimmingCharacters(in: .whitespaces))
        return try store.write { db in
            guard let row = try db.row("SELECT centre, expires_at, used_by FROM enrol_codes WHERE code_hash = ?",
                                       [.text(codeHash)]) else {
                throw ServerError.forbidden("unknown enrolment code")
            }
            // The node that spent it is not named: a stranger with the code must not learn node ids.
            if try row.optionalString("used_by") != nil { throw ServerError.forbidden("enrolment code already used") }
            guard try row.double("expires_at") > clock.seconds else { throw ServerError.forbidden("enrolment code expired") }
            let centre = try row.string("centre")
            let count = try db.scalarInt("SELECT count(*) FROM nodes WHERE centre = ?", [.text(centre)]) ?? 0
            let node = "\(centre)-N\(count + 1)"
            try db.run("INSERT INTO nodes(id, centre, label, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)",
                       [.text(node), .text(centre), .text(label), .text(Digest.sha256Hex(token)), .text(clock.iso8601)])
            try db.run("UPDATE enrol_codes SET used_by = ? WHERE code_hash = ?", [.text(node), .text(codeHash)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: node, action: "enrol",
                                                      detail: "node \(node) '\(label)' enrolled for centre \(centre)")
            return EnrolResponse(node: node, token: token, centre: centre, session: try Meta(db: db).session)
        }
    }
}
