import ArdoiseCLI
import ArdoiseHTTPServer
import ArdoiseServer
import ArdoiseSupport
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve`: owns the data folder and answers nodes and admin commands until SIGINT or SIGTERM.
enum ServeCommand {
    static let defaultListen = "127.0.0.1:8750"

    static let serve = Command(
        "serve", summary: "serve the nodes and the admin API until interrupted (SIGINT or SIGTERM)",
        options: [ServerTool.data,
                  .value("listen", "HOST:PORT", "the address to listen on (default \(defaultListen); port 0 picks one)"),
                  .value("max-connections", "N", "connections open at once, idle ones included (default \(HTTPServerLimits().maxConnections))"),
                  .value("max-connections-per-address", "N",
                         "connections from one client address (default \(HTTPServerLimits().maxConnectionsPerAddress); behind a proxy, raise it)"),
                  .value("session-hours", "H", "how long a person's sign-in lasts (default \(Int(PersonSessions.defaultLifetime / 3600)))"),
                  .repeated("trust-proxy", "ADDR", "a reverse proxy (nginx) whose X-Real-IP / X-Forwarded-For name the client; "
                            + "repeatable or comma-separated")]
    ) { arguments, console in
        let (host, port) = try address(arguments.value("listen") ?? defaultListen)
        var limits = HTTPServerLimits()
        limits.maxConnections = try count(arguments, "max-connections") ?? limits.maxConnections
        limits.maxConnectionsPerAddress = try count(arguments, "max-connections-per-address") ?? limits.maxConnectionsPerAddress
        var rateLimits = RateLimits()
        rateLimits.clientAddress = try trustedProxies(arguments.values("trust-proxy"))
        let hours = try count(arguments, "session-hours").map { Double($0) * 3600 } ?? PersonSessions.defaultLifetime
        try serve(folder: try arguments.required("data"), host: host, port: port, limits: limits, rateLimits: rateLimits,
                  sessionLifetime: hours, console: console)
    }

    private static func count(_ arguments: ParsedArguments, _ name: String) throws -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), value > 0 else { throw CommandFailure.usage("--\(name) must be a positive number, got '\(text)'") }
        return value
    }

    /// `--trust-proxy 127.0.0.1 --trust-proxy 10.0.0.2,10.0.0.3`: addresses only, anything else is a usage error.
    static func trustedProxies(_ values: [String]) throws -> ClientAddress {
        let entries = values.flatMap { $0.split(separator: ",").map { String($0) } }
        do {
            return try ClientAddress(trustedProxies: entries)
        } catch let error as ServerError {
            throw CommandFailure.usage("--trust-proxy: \(error.message)")
        }
    }

    /// `HOST:PORT`, split at the last colon; anything else is a usage error.
    static func address(_ listen: String) throws -> (host: String, port: UInt16) {
        guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]) else {
            throw CommandFailure.usage("--listen must be HOST:PORT, got '\(listen)'")
        }
        return (String(listen[..<colon]), port)
    }

    /// Serves until SIGINT or SIGTERM, then stops cleanly and removes its endpoint files. The server's
    /// log goes to stderr through the console; the `listening` line is written at once, for scripts
    /// that wait for it through a pipe.
    static func serve(folder: String, host: String, port: UInt16, limits: HTTPServerLimits, rateLimits: RateLimits,
                      sessionLifetime: Double = PersonSessions.defaultLifetime, console: any Console) throws {
        // Each connection holds a descriptor: the default soft limit (1,024) would cap them far below
        // the server's own bound.
        let descriptors = DescriptorLimit.raiseToHardLimit()
        let central = Central(store: try CentralStore.open(folder: folder), sessionLifetime: sessionLifetime)
        // Clients choose what reaches the log (paths, refused tokens): bounded (LogBudget).
        let budget = LogBudget { line in console.err(line) }
        let server = try CentralServer(central: central, host: host, port: port, limits: limits, rateLimits: rateLimits) {
            line in budget.log(line)
        }
        server.start()
        console.err("open-file limit \(descriptors) descriptors for at most \(limits.maxConnections) connections")
        if descriptors < UInt64(limits.maxConnections) + 64 {
            console.err("warning: the open-file limit is below the connection bound; raise the hard limit (LimitNOFILE= in the systemd unit)")
        }
        console.out("ardoise-server listening on \(server.url) (data \(folder))")
        let proxies = rateLimits.clientAddress.trustedProxies.sorted()
        if !proxies.isEmpty {
            console.out("client addresses taken from X-Real-IP / X-Forwarded-For of \(proxies.joined(separator: ", "))")
        }
        TerminationSignal.wait()
        server.stop()
        console.out("ardoise-server stopped")
    }
}
