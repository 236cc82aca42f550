import Foundation
import Testing

/// Issue 3 item 8: a full disk on the node or on the server refuses the action with a clear message and
/// leaves nothing half-written; once space is back, the work goes on with nothing lost or doubled.
@Suite(.timeLimit(.minutes(3))) struct DiskFullEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("diskfull")
    }

    var example: String { Executables.example }

    /// A loaded central folder and an enrolled node folder, with the server stopped; returns the secret.
    func setUp(central: String, node: String) throws -> (secret: String, listen: String) {
        #expect(try bin.run("ardoise-server", ["load", "--data", central, example]).status == 0)
        let issued = try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out
        let secret = Executables.issued(issued)
        let server = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", node, "--server", url, "--code", code]).status == 0)
        bin.stop(server)
        return (secret, String(url.dropFirst("http://".count)))
    }

    func grade(_ node: String, _ candidate: String, _ secret: String) -> [String] {
        ["grade", "--data", node, "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", candidate,
         "--subject", "PC-01", "--level", "APP=A", "--level", "ANA=B", "--level", "REA=A", "--level", "VAL=B"]
    }

    @Test func aFullDiskOnTheNodeRefusesTheActionAndWritesNothing() throws {
        let central = work + "/central", node = work + "/node"
        let (secret, _) = try setUp(central: central, node: node)
        let env = ["ARDOISE_SECRET": secret]
        #expect(try bin.run("ardoise", grade(node, "0231045871", secret), environment: env).status == 0)

        let full = try bin.runLimited("ardoise", grade(node, "0231045872", secret), fileKiB: 8, environment: env)
        #expect(full.status == 1, "\(full.out) \(full.err)")
        #expect(full.err.hasPrefix("error: disk full or I/O error on \(node)") && full.err.contains("nothing was recorded"), "\(full.err)")

        #expect(try bin.run("ardoise", ["check", "--data", node]).out.contains("integrity check: ok"))
        #expect(try bin.run("ardoise", ["status", "--data", node]).out.contains("pending operations: 1 not sent"))
        #expect(try bin.run("ardoise", ["lot", "--data", node, "L-PC-AMP-1"]).out.contains("0231045872  -"))
        // Space is back: the same action goes through, once.
        #expect(try bin.run("ardoise", grade(node, "0231045872", secret), environment: env).status == 0)
        #expect(try bin.run("ardoise", ["status", "--data", node]).out.contains("pending operations: 2 not sent"))
    }

    @Test func aFullDiskOnTheServerAnswers503AndTheNextSyncFinishes() throws {
        let central = work + "/central", node = work + "/node"
        let (secret, listen) = try setUp(central: central, node: node)
        let env = ["ARDOISE_SECRET": secret]
        for n in 71...75 {
            #expect(try bin.run("ardoise", grade(node, "02310458\(n)", secret), environment: env).status == 0)
        }
        // The server's files may not grow: its push transaction cannot be written.
        var server = try bin.serve(data: central, listen: listen, fileKiB: 36)  // room for the 32 KiB shm, not for a push
        let refused = try bin.run("ardoise", ["sync", "--data", node])
        #expect(refused.status == 75 && refused.err.contains("HTTP 503") && refused.err.contains("storage unavailable"),
                "\(refused.err)")
        // Still serving: the admin API answers through the same server.
        #expect(try bin.run("ardoise-server", ["lots", "--data", central]).out.contains("L-PC-AMP-1"))
        #expect(try bin.run("ardoise", ["status", "--data", node]).out.contains("pending operations: 5 not sent"))
        bin.stop(server)

        server = try bin.serve(data: central, listen: listen)
        let sync = try bin.run("ardoise", ["sync", "--data", node])
        #expect(sync.status == 0 && sync.out.contains("pushed 5 (5 applied"), "\(sync.out) \(sync.err)")
        bin.stop(server)
        let lots = try bin.run("ardoise-server", ["lots", "--data", central]).out
        #expect(lots.contains("L-PC-AMP-1  T011B  centre 0690001A  group G-PC-AMP-1  open  5/6 done"), "\(lots)")
        #expect(try bin.run("ardoise-server", ["check", "--data", central]).status == 0)
    }
}
