import ArdoiseProtocol
import ArdoiseSupport
import Synchronization

/// The hybrid clock of central decisions (resolutions, unlocks), over the injected wall clock.
public final class CentralClock: Sendable {
    public let wall: WallClock
    private let last = Mutex(HLC.zero)

    public init(wall: WallClock = .system) { self.wall = wall }

    /// The next reading, after every earlier one.
    public func tick() -> HLC {
        let now = wall.millis
        return last.withLock { last in
            last = last.tick(now: now)
            return last
        }
    }
}
