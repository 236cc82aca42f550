import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Sign-in with a personal secret: a random session token that expires, of which only the hash is kept.
/// The clock is injected, so expiry is tested without sleeping.
public struct PersonSessions: Sendable {
    let store: CentralStore
    let clock: WallClock
    let random: RandomSource
    let secrets: PersonSecrets
    /// Seconds a session lasts (`Central.sessionLifetime`).
    let lifetime: Double

    /// A working day: long enough for a correction session, short enough that a forgotten token dies.
    public static let defaultLifetime: Double = 8 * 3600

    /// Opens a session for `person` when `secret` is theirs. An unknown person and a wrong secret get the
    /// same answer, so that sign-in does not tell who exists.
    public func signIn(person: String, secret: String) throws -> SignInResponse {
        guard !person.isEmpty, person.count <= 64, person.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ServerError.badRequest("a person id is 1 to 64 letters, digits, '-', '_' or '.'")
        }
        let token = try random.token()
        return try store.write { db in
            let access = AccessGrants(db: db)
            guard try secrets.verify(person: person, secret: secret, db), try access.isKnown(person) else {
                throw ServerError.unauthorised("sign-in refused for \(person): unknown person or wrong secret")
            }
            let now = clock.seconds
            try db.run("DELETE FROM person_sessions WHERE expires <= ?", [.double(now)])
            try db.run("INSERT INTO person_sessions(token_hash, person, created_at, expires) VALUES (?, ?, ?, ?)",
                       [.text(Digest.sha256Hex(token)), .text(person), .text(clock.iso8601), .double(now + lifetime)])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(
                actor: person, action: "sign-in", detail: "session opened for \(Int(lifetime / 60)) min")
            let expires = Date(timeIntervalSince1970: now + lifetime).formatted(.iso8601)
            return SignInResponse(person: person, token: token, expires: expires, roles: try access.of(person).map(\.description))
        }
    }

    /// The person of a live session token; nil when unknown, expired, signed out, or its person is gone.
    public func authenticate(token: String) throws -> PersonIdentity? {
        // On a reader connection: checking a session never waits behind a merge.
        try store.read { db in try db.snapshot {
            guard let person = try db.scalarText("SELECT person FROM person_sessions WHERE token_hash = ? AND expires > ?",
                                                 [.text(Digest.sha256Hex(token)), .double(clock.seconds)]) else { return nil }
            let access = AccessGrants(db: db)
            return try access.isKnown(person) ? PersonIdentity(id: person, grants: try access.of(person)) : nil
        } }
    }

    /// Ends the session of `token` (the person's own, already checked).
    public func signOut(token: String, person: String) throws {
        try store.write { db in
            try db.run("DELETE FROM person_sessions WHERE token_hash = ?", [.text(Digest.sha256Hex(token))])
            try AuditLog(db: db, clock: clock, key: store.auditKey).append(actor: person, action: "sign-out", detail: "session closed")
        }
    }
}
