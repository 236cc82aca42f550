import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How a long-running command (a server, the examiner's page) waits to be stopped: SIGINT or SIGTERM,
/// caught so that the command can stop cleanly and remove its endpoint file.
public enum TerminationSignal {
    public static func wait() {
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
    }
}
