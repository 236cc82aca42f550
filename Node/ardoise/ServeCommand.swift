import ArdoiseCLI
import ArdoiseNode
import ArdoiseNodeWeb

/// `serve`: the examiner's page on 127.0.0.1, over this node's folder, until SIGINT or SIGTERM. It holds
/// the folder's lock meanwhile: other `ardoise` commands on the folder say the page holds it (exit 75).
extension NodeTool {
    static let defaultPort: UInt16 = 8760

    static let serve = Command(
        "serve", summary: "the examiner's page on this PC (127.0.0.1 only), until interrupted",
        options: [data,
                  .value("listen", "127.0.0.1:PORT", "the loopback port (default \(defaultPort); 0 picks a free one, written to NODEDIR/page.json)"),
                  .value("idle-timeout", "SECONDS", "sign an examiner out after this long without a request (default 1200)"),
                  .value("session-lifetime", "SECONDS", "sign an examiner out this long after sign-in, whatever (default 18000)")],
        discussion: "The page works without the network; its sync button syncs like `ardoise sync`. An examiner's secret stays "
            + "in this process's memory for the session only: stopping the page signs everyone out."
    ) { arguments, console in
        let port = try loopbackPort(arguments.value("listen"))
        var settings = ExaminerPage.Settings()
        settings.idleSeconds = try seconds(arguments, "idle-timeout") ?? settings.idleSeconds
        settings.lifetimeSeconds = try seconds(arguments, "session-lifetime") ?? settings.lifetimeSeconds
        let folder = try arguments.required("data")
        let page: ExaminerPage
        do {
            // Opened here, not through `withNode`: the page takes the node over for its whole life.
            let node = try Node.open(folder: folder)
            _ = try node.reports.status()
            page = try ExaminerPage(node: node, port: port, settings: settings, log: { line in console.err(line) })
        } catch {
            throw failure(error, folder: folder)
        }
        page.start()
        console.out("examiner page on \(page.url)/ (data \(folder)); stop with Ctrl-C")
        TerminationSignal.wait()
        page.stop()
        console.out("examiner page stopped")
    }

    /// `127.0.0.1:PORT` or `PORT`: the page listens on the loopback only, never on the lab's network.
    static func loopbackPort(_ listen: String?) throws -> UInt16 {
        guard let listen else { return defaultPort }
        var text = Substring(listen)
        if let colon = text.lastIndex(of: ":") {
            guard text[..<colon] == "127.0.0.1" else {
                throw CommandFailure.usage("--listen: the page listens on 127.0.0.1 only, got '\(listen)'")
            }
            text = text[text.index(after: colon)...]
        }
        guard let port = UInt16(text) else { throw CommandFailure.usage("--listen must be 127.0.0.1:PORT, got '\(listen)'") }
        return port
    }

    static func seconds(_ arguments: ParsedArguments, _ name: String) throws -> Double? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), value > 0 else { throw CommandFailure.usage("--\(name) must be a positive number of seconds, got '\(text)'") }
        return Double(value)
    }
}
