import ArdoiseSupport
import Synchronization

/// Signed-in examiners, in this process's memory only. The examiner's secret is needed by every action
/// (it derives the key that signs the operation, `OperationSigner`) and is never stored on disk nor sent to
/// the browser: it stays here, bound to a random token that the browser holds in an HttpOnly,
/// SameSite=Strict cookie, until sign-out, `idle` seconds without a request, or `lifetime` seconds after
/// sign-in, whichever comes first; then it is dropped. Restarting `ardoise serve` signs everyone out.
final class PageSessions: Sendable {
    struct Settings: Sendable {
        var idle: Double = 20 * 60
        var lifetime: Double = 5 * 3600
        /// A lab PC has one keyboard: a few sessions at once is plenty; the oldest goes first.
        var maxSessions = 16
    }

    /// One signed-in examiner, as a request sees it.
    struct Session: Sendable {
        let key: String
        let examiner: String
        let secret: String
        /// Sent in every form of this session and checked on every POST (synchroniser token).
        let csrf: String
        let created: Double
        var lastSeen: Double
        /// One message for the next page shown (what was recorded, or why it was refused).
        var notice: Notice?
    }

    struct Notice: Sendable {
        var text: String
        var refused: Bool
    }

    let settings: Settings
    private let wall: WallClock
    private let random: RandomSource
    private let table = Mutex<[String: Session]>([:])

    init(settings: Settings = .init(), wall: WallClock = .system, random: RandomSource = .system) {
        self.settings = settings
        self.wall = wall
        self.random = random
    }

    /// A new session for an examiner whose secret was just checked; returns the cookie token.
    func open(examiner: String, secret: String) throws -> String {
        let token = try random.token()
        let session = Session(key: Self.key(token), examiner: examiner, secret: secret, csrf: try random.token(),
                              created: wall.seconds, lastSeen: wall.seconds)
        table.withLock { table in
            while table.count >= settings.maxSessions, let oldest = table.values.min(by: { $0.created < $1.created }) {
                table[oldest.key] = nil
            }
            table[session.key] = session
        }
        return token
    }

    /// The live session of a cookie token, its idle time restarted; expired ones are dropped.
    func session(token: String) throws -> Session {
        let now = wall.seconds
        let key = Self.key(token)
        return try table.withLock { table throws(PageError) -> Session in
            table = table.filter { !isExpired($0.value, now: now) || $0.key == key }
            guard var session = table[key] else { throw PageError.signInNeeded(expired: false) }
            guard !isExpired(session, now: now) else {
                table[key] = nil
                throw PageError.signInNeeded(expired: true)
            }
            session.lastSeen = now
            table[key] = session
            return session
        }
    }

    func close(_ session: Session) { _ = table.withLock { $0.removeValue(forKey: session.key) } }

    /// Sets the message of the next page, then takes it back once shown.
    func tell(_ session: Session, _ text: String, refused: Bool = false) {
        table.withLock { $0[session.key]?.notice = Notice(text: text, refused: refused) }
    }

    func takeNotice(_ session: Session) -> Notice? {
        table.withLock { table in
            defer { table[session.key]?.notice = nil }
            return table[session.key]?.notice
        }
    }

    /// Seconds of inactivity after which the page clears itself (the session is gone by then).
    var idleSeconds: Int { Int(settings.idle) }

    private func isExpired(_ session: Session, now: Double) -> Bool {
        now - session.lastSeen >= settings.idle || now - session.created >= settings.lifetime
    }

    /// Tokens are looked up by their hash: a lookup's timing says nothing of the token.
    private static func key(_ token: String) -> String { Digest.sha256Hex(token) }
}
