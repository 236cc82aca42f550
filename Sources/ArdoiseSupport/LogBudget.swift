import Synchronization

/// A bound on what a server writes to its log, whatever its clients send (issue 8 item 1): each line is
/// cut to `lineBytes`, and past `linesPerMinute` lines in a minute the rest are only counted, said in
/// one line when the next minute starts. Under a flood the log grows by at most
/// `linesPerMinute × lineBytes` a minute (180 KiB with the defaults); journald or logrotate keep it.
public final class LogBudget: Sendable {
    public let linesPerMinute: Int
    public let lineBytes: Int
    private let clock: WallClock
    private let write: @Sendable (String) -> Void
    private let state = Mutex<(minute: Int64, written: Int, suppressed: Int)>((0, 0, 0))

    public init(linesPerMinute: Int = 600, lineBytes: Int = 300, clock: WallClock = .system,
                write: @escaping @Sendable (String) -> Void) {
        self.linesPerMinute = linesPerMinute
        self.lineBytes = lineBytes
        self.clock = clock
        self.write = write
    }

    public func log(_ line: String) {
        let minute = Int64(clock.seconds / 60)
        let (pass, suppressedBefore) = state.withLock { state -> (Bool, Int) in
            var suppressed = 0
            if minute != state.minute {
                suppressed = state.suppressed
                state = (minute, 0, 0)
            }
            guard state.written < linesPerMinute else {
                state.suppressed += 1
                return (false, suppressed)
            }
            state.written += 1
            return (true, suppressed)
        }
        if suppressedBefore > 0 { write("log: \(suppressedBefore) lines suppressed in the previous minute (over \(linesPerMinute))") }
        if pass { write(Self.cut(line, lineBytes)) }
    }

    /// At most `bytes` bytes of UTF-8, cut on a character boundary and marked with an ellipsis.
    public static func cut(_ line: String, _ bytes: Int) -> String {
        guard line.utf8.count > bytes else { return line }
        var cut = ""
        for character in line where cut.utf8.count + character.utf8.count <= bytes - 3 { cut.append(character) }
        return cut + "…"
    }
}
