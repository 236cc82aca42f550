import ArdoiseProtocol
import ArdoiseSupport
import Foundation
import Testing
@testable import ArdoiseServer

/// Issue 3 item 4: every central decision in an append-only audit log whose hash chain a check verifies.
@Suite struct AuditChainTests {
    private func busyStore() throws -> Fixture {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 5_000)
        var opsB = OperationMaker(b, wall: 1_000)
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "level.S1.REA": "A"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "level.S1.REA": "D"]),
                                                         opsB.make(author: "E3", ["level.S1.APP": "A"])])
        let conflict = try #require(try fixture.central.conflicts.all().first { $0.kind == .sameField })
        _ = try fixture.central.conflicts.resolve(conflict: conflict.id, keep: "server", by: .person("COORD"))
        return fixture
    }

    /// Issue 8 item 4: a NUL in an audited value used to cut it on the way into SQLite, so `check`
    /// reported an entry as altered.
    @Test func aNulInAnAuditedValueKeepsTheChainWhole() throws {
        let fixture = try Fixture()
        _ = try fixture.central.credentials.issue(examiner: "E1", by: "manager\u{0}x")
        #expect(try fixture.central.audit.entries().last?.actor == "manager\u{0}x")
        #expect(try fixture.central.audit.verify().problem == nil)
    }

    @Test func everyCentralDecisionIsLoggedAndTheChainVerifies() throws {
        let fixture = try busyStore()
        let actions = try fixture.central.audit.entries().map(\.action)
        for action in ["load", "enrolment-code", "enrol", "merge", "conflict", "reject", "resolve"] {
            #expect(actions.contains(action), "no \(action) in \(actions)")
        }
        let verdict = try fixture.central.audit.verify()
        #expect(verdict.problem == nil && verdict.entries == actions.count)
    }

    @Test func sqlRefusesToChangeOrDeleteAnEntry() throws {
        let fixture = try busyStore()
        #expect(throws: (any Error).self) { try fixture.store.withDatabase { try $0.execute("UPDATE audit SET detail = 'x' WHERE id = 2") } }
        #expect(throws: (any Error).self) { try fixture.store.withDatabase { try $0.execute("DELETE FROM audit WHERE id = 2") } }
        #expect(try fixture.central.audit.verify().problem == nil)
    }

    @Test func anAlteredEntryIsFoundByTheCheck() throws {
        let fixture = try busyStore()
        // Someone with the file drops the guard and rewrites history.
        try fixture.store.withDatabase { db in
            try db.execute("DROP TRIGGER audit_append_only_update")
            try db.execute("UPDATE audit SET detail = 'nothing happened' WHERE id = 4")
        }
        let verdict = try fixture.central.audit.verify()
        #expect(verdict.firstBroken == 4 && verdict.entries == 3 && verdict.problem == "entry 4 was altered")
    }

    @Test func aRemovedEntryIsFoundByTheCheck() throws {
        let fixture = try busyStore()
        try fixture.store.withDatabase { db in
            try db.execute("DROP TRIGGER audit_append_only_delete")
            try db.execute("DELETE FROM audit WHERE id = 3")
        }
        #expect(try fixture.central.audit.verify().problem == "entry 3 is missing")
    }

    /// Issue 8 item 10: a grade changed behind the server's back is found: the sheets must be what the
    /// chained changes say, and the changes what the audit log recorded.
    @Test func aGradeChangedInTheDatabaseIsFound() throws {
        let fixture = try busyStore()
        try fixture.store.withDatabase { try $0.execute("UPDATE fields SET value = 'D' WHERE field = 'level.S1.REA'") }
        #expect(try fixture.central.audit.verify().problem?.hasPrefix("a grade differs from what the changes say") == true)
        // Changing the change too breaks the changes chain.
        try fixture.store.withDatabase { try $0.execute("UPDATE changes SET value = 'D' WHERE field = 'level.S1.REA'") }
        #expect(try fixture.central.audit.verify().problem?.hasSuffix("was altered") == true)
    }

    @Test func aTruncatedLogIsFound() throws {
        let fixture = try busyStore()
        let head = try #require(try fixture.central.audit.verify().head)
        let last = try #require(Int64(head.prefix { $0 != ":" }))
        try fixture.store.withDatabase { db in
            try db.execute("DROP TRIGGER audit_append_only_delete")
            try db.execute("DELETE FROM audit WHERE id = \(last)")
        }
        // The keyed head no longer matches the last entry.
        #expect(try fixture.central.audit.verify().problem == "the log ends before its last entry (cut short)")
        // And a node that witnessed the head says so, whatever was removed.
        #expect(try fixture.central.audit.verify(witnesses: [head]).problem?.contains("not the one a witness saw") == true)
    }

    /// Issue 8 item 10, the attack as made: drop the trigger, edit entry 2, recompute every hash. Without
    /// the key (outside the data folder) the recomputed chain is not the keyed one.
    @Test func aRewrittenChainWithRecomputedHashesIsFound() throws {
        let fixture = try busyStore()
        try fixture.store.withDatabase { db in
            try db.execute("DROP TRIGGER audit_append_only_update")
            try db.execute("UPDATE audit SET detail = 'nothing happened' WHERE id = 2")
            var previous = String(repeating: "0", count: 64)
            for row in try db.rows("SELECT id, at, actor, action, detail, changes_rev, changes_hash FROM audit ORDER BY id") {
                var fields = [previous, String(try row.int64("id")), try row.string("at"), try row.string("actor"),
                              try row.string("action"), try row.string("detail")]
                if let rev = try row.optionalInt64("changes_rev"), let head = try row.optionalString("changes_hash") {
                    fields += [String(rev), head]
                }
                previous = Digest.sha256Hex(fields.joined(separator: "\u{1F}"))
                try db.run("UPDATE audit SET hash = ? WHERE id = ?", [.text(previous), .int(try row.int64("id"))])
            }
        }
        #expect(try fixture.central.audit.verify().problem == "entry 1 was altered")
    }

    @Test func removingTheLastEntryIsFoundWithoutAnyWitness() throws {
        let fixture = try busyStore()
        _ = try fixture.central.credentials.issue(examiner: "E1")  // a last entry that records no change
        try fixture.store.withDatabase { db in
            try db.execute("DROP TRIGGER audit_append_only_delete")
            try db.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
        }
        #expect(try fixture.central.audit.verify().problem == "the log ends before its last entry (cut short)")
    }

    @Test func theAuditKeyIsKeptOutsideTheDataFolder() throws {
        let folder = NSTemporaryDirectory() + "ardoise-key-" + UUID().uuidString
        let error = #expect(throws: ServerError.self) { try CentralStore.open(folder: folder, auditKey: folder + "/audit.key") }
        #expect(error?.message.contains("inside the data folder it protects") == true)
    }
}
