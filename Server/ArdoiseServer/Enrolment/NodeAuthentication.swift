import ArdoiseSupport

/// Who a bearer token belongs to. Tokens are compared by their SHA-256 hash, the only form stored.
public struct NodeAuthentication: Sendable {
    let store: CentralStore

    /// The node a token belongs to, or nil for an unknown or revoked token.
    /// On a reader connection: checking a token never waits behind a merge.
    public func authenticate(token: String) throws -> NodeIdentity? {
        try store.read { db in
            try db.row("SELECT id, centre FROM nodes WHERE token_hash = ? AND revoked_at IS NULL",
                       [.text(Digest.sha256Hex(token))])
                .map { NodeIdentity(id: try $0.string("id"), centre: try $0.string("centre")) }
        }
    }

    /// The node a token was issued to, revoked or not: for naming who was refused.
    func identify(token: String) throws -> String? {
        try store.read { db in
            try db.scalarText("SELECT id FROM nodes WHERE token_hash = ?", [.text(Digest.sha256Hex(token))])
        }
    }
}
