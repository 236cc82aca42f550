import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 3 item 7: kill -9 loops over the real executables. A node killed at random points of
/// `ardoise sync`, and the server killed at random points while a node pushes a batch and restarted on
/// the same port; then a last sync finishes the job. Both files pass `PRAGMA integrity_check`, the node has
/// nothing pending, and the server holds every operation of the node exactly once with the last value
/// of every field. Random points come from a printed seed: `ARDOISE_KILL_SEED` sets it,
/// `ARDOISE_KILL_CYCLES` and `ARDOISE_KILL_OPS` make a longer job.
@Suite(.timeLimit(.minutes(5))) struct KillLoopEndToEndTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["ARDOISE_KILL_SEED"].flatMap { UInt64($0) }
        ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
    static let cycles = environment["ARDOISE_KILL_CYCLES"].flatMap { Int($0) } ?? 12

    let bin: Executables
    let work: String

    init() throws {
        bin = try Executables()
        work = try Executables.workFolder("kill")
    }

    var example: String { Executables.example }

    static let examiner = "EX-DURAND"
    static let candidates = (71...76).map { "02310458\($0)" }  // lot L-PC-AMP-1, group of EX-DURAND
    static let competencies = ["APP", "ANA", "REA", "VAL"]

    /// A central folder loaded with the example session, a running server, one enrolled node, and the
    /// examiner's secret (empty when this build has no examiner credentials).
    struct Setup {
        var central: String
        var node: String
        var server: Process
        var listen: String
        var secret: String
        var nodeID: String
    }

    func setUp(_ name: String) throws -> Setup {
        let central = work + "/central-" + name, node = work + "/node-" + name
        let loaded = try bin.run("ardoise-server", ["load", "--data", central, example])
        guard loaded.status == 0 else { throw Executables.Failure("load: \(loaded.err)") }
        let server = try bin.serve(data: central, listen: "127.0.0.1:0")
        let url = try bin.url(data: central)
        let enrol = try bin.run("ardoise-server", ["enrol", "--data", central, "--centre", "0690001A"]).out
        let code = Executables.issued(enrol)
        // Issued before enrolment, so that the node's first sync pulls its verifier.
        let credential = try bin.run("ardoise-server", ["credential", "--data", central, "--examiner", Self.examiner])
        guard credential.status == 0 else { throw Executables.Failure("credential: \(credential.err)") }
        let secret = Executables.issued(credential.out)
        let enrolled = try bin.run("ardoise", ["enrol", "--data", node, "--server", url, "--code", code, "--label", name])
        guard enrolled.status == 0 else { throw Executables.Failure("enrol: \(enrolled.err)") }
        let status = try bin.run("ardoise", ["status", "--data", node]).out
        let nodeID = status.split(separator: ",").first.map { String($0.dropFirst("node ".count)) } ?? ""
        return Setup(central: central, node: node, server: server, listen: String(url.dropFirst("http://".count)),
                     secret: secret, nodeID: nodeID)
    }

    /// Grades `count` times (every competency, a comment), recording the last value of each field.
    func grade(_ setup: Setup, count: Int, _ random: inout SplitMix64, into expected: inout [String: String]) throws {
        for _ in 0..<count {
            let candidate = Self.candidates[random.int(0...(Self.candidates.count - 1))]
            var arguments = ["grade", "--data", setup.node, "--as", Self.examiner, "--epreuve", "T011B",
                             "--candidate", candidate, "--subject", "PC-01"]
            var values = ["subject": "PC-01", "attendance": "PRESENT"]
            for competency in Self.competencies {
                let level = ["A", "B", "C", "D"][random.int(0...3)]
                arguments += ["--level", "\(competency)=\(level)"]
                values["level.PC-01.\(competency)"] = level
            }
            let comment = "note \(random.int(0...999))"
            arguments += ["--comment", comment]
            values["comment"] = comment
            let result = try bin.run("ardoise", arguments, environment: ["ARDOISE_SECRET": setup.secret])
            guard result.status == 0 else { throw Executables.Failure("grade refused: \(result.err)") }
            for (field, value) in values { expected["\(candidate)|\(field)"] = value }
        }
    }

    /// Syncs until it says done (the server may still be starting), then checks both sides.
    func finish(_ setup: Setup, operations: Int, expected: [String: String], label: String) throws {
        var last = Executables.Result(status: -1, out: "", err: "")
        for _ in 0..<10 {
            last = try bin.run("ardoise", ["sync", "--data", setup.node])
            if last.status == 0 { break }
            usleep(200_000)
        }
        #expect(last.status == 0, "\(label): the last sync failed: \(last.err)")
        let status = try bin.run("ardoise", ["status", "--data", setup.node]).out
        #expect(status.contains("pending operations: 0 not sent, 0 sent but not yet pulled back"), "\(label): \(status)")
        let nodeCheck = try bin.run("ardoise", ["check", "--data", setup.node])
        #expect(nodeCheck.status == 0 && nodeCheck.out.contains("ok"), "\(label): node check: \(nodeCheck.out)\(nodeCheck.err)")
        bin.stop(setup.server)
        let serverCheck = try bin.run("ardoise-server", ["check", "--data", setup.central])
        #expect(serverCheck.status == 0 && serverCheck.out.contains("integrity check: ok"),
                "\(label): server check: \(serverCheck.out)\(serverCheck.err)")
        // What the server holds for the node, read-only (no admin command lists it yet).
        let central = setup.central + "/central.sqlite"
        guard let held = try bin.sqlite(central, """
            SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || coalesce(min(seq), 0) || ' ' || coalesce(max(seq), 0)
            FROM operations WHERE node = '\(setup.nodeID)'
            """) else {
            Issue.record("\(label): the sqlite3 shell is missing (scripts/setup installs it)")
            return
        }
        #expect(held == "\(operations) \(operations) \(operations == 0 ? 0 : 1) \(operations)",
                "\(label): the server holds 'count distinct min max' = \(held) for \(operations) operations of \(setup.nodeID)")
        let mark = try bin.sqlite(central, "SELECT hwm FROM nodes WHERE id = '\(setup.nodeID)'")
        #expect(mark == String(operations), "\(label): high-water mark \(mark ?? "?") for \(operations) operations")
        let outbox = try bin.sqlite(setup.node + "/node.sqlite", "SELECT count(*) FROM outbox")
        #expect(outbox == String(operations), "\(label): node outbox \(outbox ?? "?"), \(operations) grades recorded")
        let rows = try bin.sqlite(central, "SELECT candidate || '|' || field || '=' || value FROM fields WHERE epreuve = 'T011B'") ?? ""
        var fields: [String: String] = [:]
        for row in rows.split(separator: "\n") {
            let parts = row.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        #expect(fields == expected, "\(label): the server's fields are not the last values graded")
    }

    @Test func nodeKilledDuringSyncLosesNothingAndAppliesNothingTwice() throws {
        var random = SplitMix64(seed: Self.seed)
        print("kill loop (node): seed \(Self.seed), \(Self.cycles) cycles; replay: ARDOISE_KILL_SEED=\(Self.seed) swift test --filter KillLoopEndToEndTests")
        let setup = try setUp("node-kill")
        defer { bin.stop(setup.server); try? FileManager.default.removeItem(atPath: work) }
        var expected: [String: String] = [:]
        var operations = 0
        let started = Date()
        var killedRunning = 0
        for _ in 0..<Self.cycles {
            let count = random.int(1...3)
            try grade(setup, count: count, &random, into: &expected)
            operations += count
            let sync = try bin.start("ardoise", ["sync", "--data", setup.node])
            usleep(useconds_t(random.int(0...200) * 1000))
            if sync.isRunning { killedRunning += 1 }
            bin.kill9(sync)
        }
        print("kill loop (node): \(Self.cycles) cycles (\(killedRunning) killed while running), \(operations) operations, "
              + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        try finish(setup, operations: operations, expected: expected, label: "seed \(Self.seed), node killed")
    }

    @Test func serverKilledDuringPushRestartsAndHoldsEveryOperationOnce() throws {
        var random = SplitMix64(seed: Self.seed &+ 1)
        let operations = Self.environment["ARDOISE_KILL_OPS"].flatMap { Int($0) } ?? 80
        print("kill loop (server): seed \(Self.seed), up to \(Self.cycles) cycles, \(operations) operations; "
              + "replay: ARDOISE_KILL_SEED=\(Self.seed) swift test --filter KillLoopEndToEndTests")
        var setup = try setUp("server-kill")
        defer { bin.stop(setup.server); try? FileManager.default.removeItem(atPath: work) }
        var expected: [String: String] = [:]
        try grade(setup, count: operations, &random, into: &expected)
        let started = Date()
        var cycles = 0
        var operationsDone = operations
        var killedRunning = 0
        for cycle in 0..<Self.cycles {
            cycles += 1
            if cycle > 0 {
                // More to push each time, so that kills keep landing in pushes, not only in pulls.
                let count = random.int(1...3)
                try grade(setup, count: count, &random, into: &expected)
                operationsDone += count
            }
            let sync = try bin.start("ardoise", ["sync", "--data", setup.node])
            usleep(useconds_t(random.int(0...300) * 1000))
            if sync.isRunning { killedRunning += 1 }
            bin.kill9(setup.server)
            sync.waitUntilExit()
            // Killed, not stopped: the file as SIGKILL left it.
            let check = try bin.run("ardoise-server", ["check", "--data", setup.central])
            #expect(check.status == 0 && check.out.contains("integrity check: ok"),
                    "seed \(Self.seed), cycle \(cycles): \(check.out)\(check.err)")
            setup.server = try bin.serve(data: setup.central, listen: setup.listen)
        }
        print("kill loop (server): \(cycles) kill cycles (\(killedRunning) while the sync ran), \(operationsDone) operations, "
              + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        try finish(setup, operations: operationsDone, expected: expected, label: "seed \(Self.seed), server killed")
    }
}

extension Executables {
    /// Starts a command without waiting for it (output discarded): to be killed, or waited for.
    func start(_ program: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = folder.appendingPathComponent(program)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// SIGKILL, then waits for the end: no handler runs, nothing is cleaned up.
    func kill9(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The `sqlite3` shell, when installed.
    static let sqlite3: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// One SQL statement on `path`, read-only, with the `sqlite3` shell; nil when it is not installed.
    func sqlite(_ path: String, _ sql: String) throws -> String? {
        guard let shell = Self.sqlite3 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-readonly", "-batch", path, sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("sqlite3 \(path): '\(sql)' exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
