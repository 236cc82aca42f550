import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads running handler jobs from a bounded queue, so that how many requests run at
/// once does not depend on how many connections are open.
final class WorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var queue: [Job] = []
        /// Index of the next job in `queue`; the array is compacted when it has been half consumed.
        var head = 0
        var closed = false
    }

    private let capacity: Int
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let finished = DispatchGroup()
    let threadCount: Int

    init(threads: Int, capacity: Int, name: String) {
        threadCount = max(1, threads)
        self.capacity = max(1, capacity)
        for index in 0..<threadCount {
            finished.enter()
            let thread = Thread { [self] in
                work()
                finished.leave()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `job`; false when the queue is full or the pool is closed (the caller refuses the request).
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed, state.queue.count - state.head < capacity else { return false }
            state.queue.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Drops the jobs not started, lets the threads end after their current job, and waits at most
    /// `timeout` seconds for them; false if some handler was still busy then.
    func close(timeout: Double) -> Bool {
        state.withLock { state in
            state.closed = true
            state.queue = []
            state.head = 0
        }
        for _ in 0..<threadCount { available.signal() }
        return finished.wait(timeout: .now() + timeout) == .success
    }

    private func work() {
        while true {
            available.wait()
            let job = state.withLock { state -> Job? in
                guard !state.closed, state.head < state.queue.count else { return nil }
                let job = state.queue[state.head]
                state.head += 1
                if state.head == state.queue.count {
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                } else if state.head >= 1024, state.head * 2 >= state.queue.count {
                    state.queue.removeSubrange(0..<state.head)
                    state.head = 0
                }
                return job
            }
            guard let job else {
                if state.withLock({ $0.closed }) { return }
                continue
            }
            job()
        }
    }
}
