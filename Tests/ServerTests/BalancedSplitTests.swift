@testable import ArdoiseServer
import Foundation
import Testing
import TestSupport

/// D10 "balanced counts", as a property over many random shapes (seeded, replayable): lots of any
/// starting sizes receive any number of newcomers. `ARDOISE_SPLIT_SEED` replays a seed a failure printed.
@Suite struct BalancedSplitTests {
    static let seed = ProcessInfo.processInfo.environment["ARDOISE_SPLIT_SEED"].flatMap { UInt64($0) } ?? 2026

    @Test func d10SharesAreBalancedAndNobodyIsLostOrTwice() {
        let seed = Self.seed
        var random = SplitMix64(seed: seed)
        for round in 0..<2_000 {
            let lots = random.int(1...9)
            let even = random.chance(0.5)
            let start = random.int(0...12)
            let sizes = (0..<lots).map { _ in even ? start : random.int(0...12) }
            let newcomers = random.int(0...150)
            let items = (0..<newcomers).map { "K\($0)" }
            let shares = BalancedSplit.shares(of: newcomers, sizes: sizes)
            let blocks = BalancedSplit.blocks(items, shares: shares)
            let final = zip(sizes, shares).map { $0 + $1 }
            let context = "ARDOISE_SPLIT_SEED=\(seed) round \(round): sizes \(sizes) + \(newcomers) → \(final)"
            #expect(blocks.flatMap { $0 } == items, "nobody lost, nobody twice, in order: \(context)")
            #expect(blocks.map(\.count) == shares && shares.allSatisfy { $0 >= 0 }, "\(context)")
            let low = final.min() ?? 0, high = final.max() ?? 0
            // Nobody already placed moves: the spread can only shrink, down to one.
            #expect(high - low <= max(1, (sizes.max() ?? 0) - (sizes.min() ?? 0)), "\(context)")
            if even { #expect(high - low <= 1, "\(context)") }
            // A lot that received ends at most one above the smallest (water filling).
            for (index, share) in shares.enumerated() where share > 0 { #expect(final[index] <= low + 1, "\(context)") }
        }
    }

    @Test func d10TiesGoToTheLotListedFirst() {
        #expect(BalancedSplit.shares(of: 7, sizes: [0, 0, 0]) == [3, 2, 2])
        #expect(BalancedSplit.shares(of: 3, sizes: [5, 0, 1]) == [0, 2, 1])
        #expect(BalancedSplit.shares(of: 0, sizes: []) == [])
        #expect(BalancedSplit.blocks(["a", "b", "c"], shares: [1, 0, 2]) == [["a"], [], ["b", "c"]])
    }
}
