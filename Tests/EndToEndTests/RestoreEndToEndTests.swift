import Foundation
import Testing

/// Issue 8 item 5 with the real executables: a lab PC's folder restored from an old copy cannot lose
/// work silently, and a central server restored from last night's backup gets back from the nodes what
/// it lost, nothing doubled.
@Suite(.timeLimit(.minutes(3))) struct RestoreEndToEndTests {
    let bin: Executables
    let work: String
    final class Secrets: @unchecked Sendable { var secret = "" }
    let secrets = Secrets()

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("restore")
    }

    func node(_ data: String, _ words: [String]) throws -> Executables.Result {
        try bin.run("ardoise", [words[0], "--data", data] + words.dropFirst(), environment: ["ARDOISE_SECRET": secrets.secret])
    }

    func grade(_ data: String, _ candidate: String, _ level: String) throws -> Executables.Result {
        try node(data, ["grade", "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", candidate, "--subject", "PC-01",
                        "--level", "APP=\(level)", "--level", "ANA=\(level)", "--level", "REA=\(level)", "--level", "VAL=\(level)"])
    }

    /// Starts a loaded server with one enrolled lab PC; returns the server, its listen address and the PC.
    func start() throws -> (Process, String, String) {
        let central = work + "/central", pc = work + "/pc"
        #expect(try bin.run("ardoise-server", ["load", "--data", central, Executables.example]).status == 0)
        secrets.secret = Executables.issued(try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out)
        let server = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out)
        #expect(try node(pc, ["enrol", "--server", url, "--code", code]).status == 0)
        return (server, String(url.dropFirst("http://".count)), pc)
    }

    func copy(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test func aLabPCRestoredFromAnOldCopyIsToldToEnrolAgainAndLosesNothing() throws {
        let (server, _, pc) = try start()
        defer { bin.stop(server) }
        #expect(try grade(pc, "0231045871", "A").status == 0)
        #expect(try node(pc, ["sync"]).status == 0)
        try copy(pc, work + "/pc-copy")
        #expect(try grade(pc, "0231045872", "B").status == 0)
        #expect(try node(pc, ["sync"]).status == 0)
        // The copy comes back: its next operation reuses a number the server holds with other content.
        try copy(work + "/pc-copy", pc)
        #expect(try grade(pc, "0231045873", "C").status == 0)
        let refused = try node(pc, ["sync"])
        #expect(refused.status == 1 && refused.err.contains("restored from an older copy"), "\(refused.err)")
        #expect(refused.err.contains("ardoise enrol --again"))
        #expect(try node(pc, ["status"]).out.contains("pending operations: 1 not sent"))
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", work + "/central", "--centre", "0690001A"]).out)
        let again = try node(pc, ["enrol", "--again", "--server", try bin.url(data: work + "/central"), "--code", code])
        #expect(again.status == 0, "\(again.err)")
        let sheet = try bin.run("ardoise", ["sheet", "--data", pc, "--epreuve", "T011B", "--candidate", "0231045873"])
        #expect(sheet.out.contains("total: 7.5/20") && !sheet.out.contains("not yet synced"), "\(sheet.out)")
    }

    @Test func aServerRestoredFromABackupGetsBackWhatItLostFromTheNodes() throws {
        let (server, listen, pc) = try start()
        let central = work + "/central"
        #expect(try grade(pc, "0231045871", "A").status == 0)
        #expect(try node(pc, ["sync"]).status == 0)
        // Last night's backup, taken online while the server serves.
        let backup = try bin.run("ardoise-server", ["backup", "--data", central, work + "/night.sqlite"])
        #expect(backup.status == 0 && backup.out.hasPrefix("backup written to"), "\(backup.err)")
        #expect(try grade(pc, "0231045872", "B").status == 0)
        #expect(try grade(pc, "0231045873", "C").status == 0)
        #expect(try node(pc, ["sync"]).status == 0)
        bin.stop(server)
        // The disk is lost; the backup comes back.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: central + "/central.sqlite" + suffix) }
        try FileManager.default.copyItem(atPath: work + "/night.sqlite", toPath: central + "/central.sqlite")
        let restored = try bin.serve(data: central, listen: listen)
        defer { bin.stop(restored) }
        let sync = try node(pc, ["sync"])
        #expect(sync.status == 0 && sync.out.contains("the server was restored from a backup"), "\(sync.out)\(sync.err)")
        let nodes = try bin.run("ardoise-server", ["nodes", "--data", central]).out
        #expect(nodes.contains("acknowledged 3") && nodes.contains("received 3"), "\(nodes)")
        for (candidate, total) in [("0231045871", "20/20"), ("0231045872", "14.5/20"), ("0231045873", "7.5/20")] {
            let sheet = try bin.run("ardoise-server", ["sheet", "--data", central, "--epreuve", "T011B", "--candidate", candidate])
            #expect(sheet.out.contains(total), "\(candidate): \(sheet.out)")
        }
        // The lab PC shows the restored server's state, with nothing pending.
        let status = try node(pc, ["status"]).out
        #expect(status.contains("pending operations: 0 not sent, 0 sent but not yet pulled back"), "\(status)")
        #expect(try node(pc, ["lot", "L-PC-AMP-1"]).out.contains("0231045872  PC-01     14.5/20"))
    }
}
