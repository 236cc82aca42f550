import ArdoiseSupport
import Dispatch
import Foundation

extension ServerCommands {
    /// Serves until SIGINT or SIGTERM, then stops cleanly and removes its endpoint files.
    static func serve(folder: String, listen: String, out: (String) -> Void) throws {
        guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]) else {
            throw CLIError.usage("--listen must be HOST:PORT, got '\(listen)'")
        }
        let host = String(listen[..<colon])
        let store = try CentralStore.open(folder: folder)
        let server = try CentralServer(store: store, host: host, port: port) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        server.start()
        out("ardoise-server listening on \(server.url) (data \(folder))")
        fflush(nil)  // scripts wait for this line through a pipe
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        server.stop()
        out("ardoise-server stopped")
    }
}
