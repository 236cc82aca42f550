import ArdoiseProtocol
import ArdoiseSupport

/// The node's hybrid clock, stored in `config` so that it survives restarts, over the injected wall
/// clock. Call inside the transaction that uses the reading.
struct NodeClock {
    let config: NodeConfig
    let wall: WallClock

    /// The stored clock advanced past the wall clock, and stored.
    func next() throws -> HLC {
        let next = try stored().tick(now: wall.millis)
        try config.set(ConfigKey.hlc, next.description)
        return next
    }

    /// Folds in a clock seen from the server so that later local events sort after it.
    func observe(_ other: HLC) throws {
        let stored = try stored()
        let next = stored.observe(other)
        if next != stored { try config.set(ConfigKey.hlc, next.description) }
    }

    private func stored() throws -> HLC {
        try config.text(ConfigKey.hlc).flatMap { HLC(text: $0) } ?? .zero
    }
}
