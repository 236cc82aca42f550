import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

extension CentralStore {
    /// Issues a one-time enrolment code for a node of `centre`; only its hash is stored.
    public func issueEnrolmentCode(centre: String, validFor hours: Double = 24) throws -> EnrolCodeResponse {
        let code = try Digest.randomCode()
        let expires = Date().addingTimeInterval(hours * 3600)
        try write { db in
            guard try db.scalarText("SELECT code FROM centres WHERE code = ?", [.text(centre)]) != nil else {
                throw ServerError.notFound("unknown centre \(centre)")
            }
            try db.run("INSERT INTO enrol_codes(code_hash, centre, expires_at) VALUES (?, ?, ?)",
                       [.text(Digest.sha256Hex(code)), .text(centre), .double(expires.timeIntervalSince1970)])
            try db.audit(actor: "manager", action: "enrolment-code", detail: "centre \(centre), expires \(expires.formatted(.iso8601))")
        }
        return EnrolCodeResponse(code: code, centre: centre, expires: expires.formatted(.iso8601))
    }

    /// Spends a code once and returns a new node's token (stored hashed).
    public func enrol(code: String, label: String) throws -> EnrolResponse {
        let token = try Digest.randomToken()
        let normalised = code.uppercased().trimmingCharacters(in: .whitespaces)
        return try write { db in
            guard let row = try db.row("SELECT centre, expires_at, used_by FROM enrol_codes WHERE code_hash = ?",
                                       [.text(Digest.sha256Hex(normalised))]) else {
                throw ServerError.forbidden("unknown enrolment code")
            }
            if let used = row.text(2) { throw ServerError.forbidden("enrolment code already used by node \(used)") }
            guard case .double(let expires) = row.values[1], expires > Date().timeIntervalSince1970 else {
                throw ServerError.forbidden("enrolment code expired")
            }
            let centre = row.string(0)
            let count = try db.scalarInt("SELECT count(*) FROM nodes WHERE centre = ?", [.text(centre)]) ?? 0
            let node = "\(centre)-N\(count + 1)"
            try db.run("INSERT INTO nodes(id, centre, label, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)",
                       [.text(node), .text(centre), .text(label), .text(Digest.sha256Hex(token)),
                        .text(Date().formatted(.iso8601))])
            try db.run("UPDATE enrol_codes SET used_by = ? WHERE code_hash = ?", [.text(node), .text(Digest.sha256Hex(normalised))])
            try db.audit(actor: node, action: "enrol", detail: "node \(node) '\(label)' enrolled for centre \(centre)")
            return EnrolResponse(node: node, token: token, centre: centre, session: try db.meta("session") ?? "")
        }
    }

    /// The node a token was issued to, revoked or not: for naming who was refused.
    func identify(token: String) throws -> String? {
        try withDatabase { db in
            try db.scalarText("SELECT id FROM nodes WHERE token_hash = ?", [.text(Digest.sha256Hex(token))])
        }
    }

    /// The node a bearer token belongs to, or nil for an unknown or revoked token.
    public func authenticate(token: String) throws -> NodeIdentity? {
        try withDatabase { db in
            try db.row("SELECT id, centre FROM nodes WHERE token_hash = ? AND revoked_at IS NULL",
                       [.text(Digest.sha256Hex(token))])
                .map { NodeIdentity(id: $0.string(0), centre: $0.string(1)) }
        }
    }
}

extension CentralStore {
    /// Revokes a node's token; its next request gets 401 and its operations stay on the node.
    public func revoke(node: String, by actor: String) throws -> String {
        try write { db in
            guard try db.scalarText("SELECT id FROM nodes WHERE id = ?", [.text(node)]) != nil else {
                throw ServerError.notFound("unknown node \(node)")
            }
            try db.run("UPDATE nodes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       [.text(Date().formatted(.iso8601)), .text(node)])
            try db.audit(actor: actor, action: "revoke", detail: "node \(node)")
            return "node \(node) revoked: it must enrol again with a new code"
        }
    }

    /// The sequence numbers received from a node, in order: each applied exactly once.
    public func receivedOperations(node: String) throws -> [Int64] {
        try withDatabase { db in
            try db.rows("SELECT seq FROM operations WHERE node = ? ORDER BY seq", [.text(node)]).map { $0.integer(0) }
        }
    }
}

/// An enrolled node as the manager sees it: how far its pushes went and when it was enrolled.
public struct NodeSummary: Codable, Sendable, Equatable {
    public var id: String
    public var centre: String
    public var label: String
    public var acknowledged: Int64
    public var received: Int64
    public var enrolled: String
    public var revoked: String?
}

extension CentralStore {
    /// Every node with its high-water mark and the number of operations held for it (equal when every
    /// operation was applied exactly once).
    public func nodes() throws -> [NodeSummary] {
        try withDatabase { db in
            try db.rows("""
                SELECT n.id, n.centre, n.label, n.hwm, (SELECT count(*) FROM operations o WHERE o.node = n.id),
                       n.enrolled_at, n.revoked_at
                FROM nodes n ORDER BY n.centre, n.id
                """).map {
                NodeSummary(id: $0.string(0), centre: $0.string(1), label: $0.string(2), acknowledged: $0.integer(3),
                            received: $0.integer(4), enrolled: $0.string(5), revoked: $0.text(6))
            }
        }
    }
}
