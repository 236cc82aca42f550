import ArdoiseSupport
import Synchronization

/// Token buckets by key (a client address): `burst` attempts at once, refilled at `perMinute`.
/// Guards enrolment and token checks against guessing (issue 3 item 5). The clock is injected so tests
/// do not sleep.
public final class RateLimiter: Sendable {
    public struct Rule: Sendable {
        public var burst: Double
        public var perMinute: Double
        public init(burst: Double, perMinute: Double) {
            self.burst = burst
            self.perMinute = perMinute
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let rule: Rule
    private let clock: WallClock
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(_ rule: Rule, clock: WallClock = .system) {
        self.rule = rule
        self.clock = clock
    }

    /// Takes one token for `key`; returns nil when allowed, else the seconds to wait.
    public func take(_ key: String) -> Int? {
        let now = clock.seconds
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: rule.burst, updated: now)
            bucket.tokens = min(rule.burst, bucket.tokens + (now - bucket.updated) * rule.perMinute / 60)
            bucket.updated = now
            defer {
                // Forget full buckets so that many clients do not grow the table for ever.
                if bucket.tokens >= rule.burst { buckets[key] = nil } else { buckets[key] = bucket }
            }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) * 60 / rule.perMinute).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }

    /// Seconds until `key` has a token again, without taking one; nil when it has one now.
    public func wait(_ key: String) -> Int? {
        let now = clock.seconds
        return buckets.withLock { buckets in
            guard let bucket = buckets[key] else { return nil }
            let tokens = min(rule.burst, bucket.tokens + (now - bucket.updated) * rule.perMinute / 60)
            return tokens >= 1 ? nil : max(1, Int(((1 - tokens) * 60 / rule.perMinute).rounded(.up)))
        }
    }

    /// True when `key` has no token left, without taking one.
    public func isExhausted(_ key: String) -> Bool {
        let now = clock.seconds
        return buckets.withLock { buckets in
            guard let bucket = buckets[key] else { return false }
            return bucket.tokens + (now - bucket.updated) * rule.perMinute / 60 < 1
        }
    }
}
