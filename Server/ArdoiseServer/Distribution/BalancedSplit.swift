/// Automatic distribution's arithmetic (D10 "balanced counts"), pure: how many newcomers each lot gets,
/// and which ones. Nobody already in a lot moves, so each newcomer goes to a smallest lot (water
/// filling, ties to the lot listed first): lots that start even end differing by at most one, and a lot
/// already bigger than the rest only gets more once the others have caught up.
enum BalancedSplit {
    /// Newcomers to add to each lot, in the order of `sizes`; they add up to `newcomers`.
    static func shares(of newcomers: Int, sizes: [Int]) -> [Int] {
        guard !sizes.isEmpty, newcomers > 0 else { return sizes.map { _ in 0 } }
        var now = sizes
        var added = sizes.map { _ in 0 }
        for _ in 0..<newcomers {
            var smallest = 0
            for index in now.indices where now[index] < now[smallest] { smallest = index }
            now[smallest] += 1
            added[smallest] += 1
        }
        return added
    }

    /// `items` (already in roll-call order) cut into consecutive blocks of `shares`: a lot receives a run
    /// of numbers, which keeps each lot's roll call readable.
    static func blocks<T>(_ items: [T], shares: [Int]) -> [[T]] {
        var start = 0
        return shares.map { share in
            let end = min(items.count, start + max(0, share))
            defer { start = end }
            return Array(items[start..<end])
        }
    }
}
