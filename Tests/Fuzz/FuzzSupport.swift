// Shared by every fuzz target (compiled into each one by scripts/fuzz): a deterministic random source
// derived from the input, so a crashing input replays exactly, and `require`, which traps on a broken
// invariant so that libFuzzer saves the input.
#if canImport(Glibc)
import Glibc
#endif

/// Traps with a message naming the broken invariant; libFuzzer then saves the input as a crash.
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fuzzFailure(message(), file: file, line: line) }
}

func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    var text = "fuzz invariant broken (\(file):\(line)): \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    fatalError(message)
}

/// The bytes libFuzzer hands over (`data` may be null when `size` is 0).
func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// SplitMix64 seeded with the FNV-1a hash of the input: every choice a target makes beyond the bytes
/// themselves (chunk sizes, limits, random sheets) is a function of the input.
struct FuzzRandom {
    private var state: UInt64

    init(seed bytes: [UInt8]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True once in `n` times.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
