import Foundation

/// The one time source of decisions that depend on the time (merge clock skew, rate limits, code expiry,
/// lockouts), injected so that tests set the time instead of sleeping.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Double

    /// `read` answers seconds since 1970.
    public init(_ read: @escaping @Sendable () -> Double) { self.read = read }

    public static let system = WallClock { Date().timeIntervalSince1970 }

    /// Seconds since 1970.
    public var seconds: Double { read() }
    /// Whole milliseconds since 1970 (the wall part of a hybrid clock).
    public var millis: Int64 { Int64((read() * 1000).rounded(.down)) }
    public var date: Date { Date(timeIntervalSince1970: read()) }
    public var iso8601: String { date.formatted(.iso8601) }
}
