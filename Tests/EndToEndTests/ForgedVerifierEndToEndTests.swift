import ArdoiseSQLite
import ArdoiseSupport
import Foundation
import Testing

/// Issue 8 item 7 with the real executables, as the review did it: an examiner's verifier replaced in
/// `node.sqlite` (1 round, a secret the attacker chose). The `ardoise` command accepts the forged secret
/// and records the grade (the node cannot tell), but the server rejects the operation: its proof was not
/// made with the key derived from the real secret. The real examiner's grade on the same PC applies.
@Suite(.timeLimit(.minutes(3))) struct ForgedVerifierEndToEndTests {
    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("forged")
    }

    @Test func aForgedVerifierLetsTheCommandRecordButTheServerRejects() throws {
        let central = work + "/central", pc = work + "/pc"
        #expect(try bin.run("ardoise-server", ["load", "--data", central, Executables.example]).status == 0)
        let issued = try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out
        let secret = Executables.issued(issued)
        #expect(secret.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil, "60-bit secret: \(issued)")
        let server = try bin.serve(data: central, listen: "127.0.0.1:0")
        defer { bin.stop(server) }
        let url = try bin.url(data: central)
        let code = Executables.issued(try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out)
        #expect(try bin.run("ardoise", ["enrol", "--data", pc, "--server", url, "--code", code]).status == 0)

        // The attacker rewrites the verifier: one round, their own secret.
        let forged = "AAAA-AAAA-AAAA"
        let salt = Array(repeating: UInt8(9), count: 16)
        do {
            let db = try Database(path: pc + "/node.sqlite")
            try db.run("UPDATE credentials SET salt = ?, iterations = 1, hash = ? WHERE examiner = 'EX-DURAND'",
                       [.text(Digest.hex(salt)), .text(Digest.pbkdf2(secret: forged, salt: salt, iterations: 1))])
        }
        func grade(_ candidate: String, _ secret: String) throws -> Executables.Result {
            try bin.run("ardoise", ["grade", "--data", pc, "--as", "EX-DURAND", "--epreuve", "T011B", "--candidate", candidate,
                                    "--subject", "PC-01", "--level", "APP=A", "--level", "ANA=A", "--level", "REA=A",
                                    "--level", "VAL=A"], environment: ["ARDOISE_SECRET": secret])
        }
        let recorded = try grade("0231045871", forged)
        #expect(recorded.status == 0 && recorded.out.contains("recorded"), "\(recorded.out)\(recorded.err)")
        let sync = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(sync.out.contains("1 rejected"), "\(sync.out)\(sync.err)")
        let report = try bin.run("ardoise-server", ["conflicts", "--data", central]).out
        #expect(report.contains("examiner EX-DURAND gave no valid proof of their secret"), "\(report)")
        let sheet = try bin.run("ardoise-server", ["sheet", "--data", central, "--epreuve", "T011B", "--candidate", "0231045871",
                                                   "--format", "json"]).out
        #expect(!sheet.contains("\"A\""), "nothing of the forged grade is in force: \(sheet)")

        // The forged verifier refuses the real secret on this PC now; a fresh pull of the reference
        // (a reissued secret) puts the real one back, and the real examiner's grade applies.
        let reissued = Executables.issued(try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", "EX-DURAND"]).out)
        #expect(try bin.run("ardoise", ["sync", "--data", pc]).status == 0)
        #expect(try grade("0231045872", reissued).status == 0)
        let applied = try bin.run("ardoise", ["sync", "--data", pc])
        #expect(applied.out.contains("1 applied"), "\(applied.out)\(applied.err)")
    }
}
