@testable import ArdoiseServer
import ArdoiseProtocol
import ArdoiseReferenceStore
import Foundation
import Testing
import TestSupport

/// Issue 10 item 2 on issue 9's académie (`AccessFixture`: the example registrations, 41 physics
/// candidates at Lycée Ampère): groups from the convoked examiners, distribution, and a sick examiner's
/// lot redistributed, through the library as the centre's staff signed in.
@Suite struct DistributionTests {
    typealias F = AccessFixture
    static let centre = Actor.person(F.centreA)

    /// Lycée Ampère's physics candidates, by number, as the registrations assign them.
    static func registered(_ fixture: F, centre: String = F.a, division: String? = nil) throws -> [String] {
        try fixture.store.withDatabase { db in
            try db.rows("""
                SELECT r.candidate FROM registrations r JOIN registered_candidates c ON c.number = r.candidate
                WHERE r.epreuve = 'T011B' AND r.exam_centre = ?1 AND (?2 IS NULL OR c.division = ?2) ORDER BY r.candidate
                """, [.text(centre), division.map { .text($0) } ?? .null]).map { try $0.string("candidate") }
        }
    }

    /// Three groups at A: G1 Camille MARTIN, G2 François ROUX (Lycée Jean Moulin), G3 the referent Léa PETIT.
    static func threeGroups(_ fixture: F) throws -> [String] {
        try [[F.examinerPCatA], [F.visitor], [F.referentPCatA]].map {
            try fixture.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: F.a, examiners: $0), by: centre).id
        }
    }

    func lots(_ fixture: F) throws -> [String: [String]] {
        try fixture.store.withDatabase { db in
            var lots: [String: [String]] = [:]
            for lot in try ReferenceTables(db: db).lots(centre: F.a) where lot.epreuve == "T011B" { lots[lot.id] = lot.candidates }
            return lots
        }
    }

    /// The session file's lot at A, both candidates absent, locked (D12).
    static func lockSessionLot(_ fixture: F) throws {
        var ops = OperationMaker(try fixture.enrol(centre: F.a))
        _ = try fixture.central.push.push(node: ops.node, operations: ["KA1", "KA2"].map {
            ops.make(kind: .attendance, author: F.examinerPCatA, lot: "LA-PC", candidate: $0, ["attendance": "AB"])
        })
        _ = try fixture.central.lots.lock(lot: "LA-PC", by: .manager, why: "done")
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ServerError { return "\(error.status) \(error.message)" } catch { return "\(error)" }
        return nil
    }

    @Test func d10D6TheCentreBuildsGroupsOfConvokedExaminersFromSeveralSchools() throws {
        let fixture = try F()
        let version = try fixture.store.withDatabase { try Meta(db: $0).referenceVersion() }
        let group = try fixture.central.examinerGroups.set(
            GroupRequest(epreuve: "T011B", centre: F.a, examiners: [F.examinerPCatA, F.visitor, F.referentPCatA]), by: Self.centre)
        #expect(group.id == "T011B-0690001A-G1")
        #expect(group.examiners.map(\.id) == [F.examinerPCatA, F.referentPCatA, F.visitor], "by id")
        // The referent was in no session file: the group makes them an examiner of the centre, named as staff.
        #expect(group.examiners.first { $0.id == F.referentPCatA }?.name == "Léa PETIT")
        let schools = try fixture.store.withDatabase { db in
            Set(try [F.examinerPCatA, F.visitor].map { try db.scalarText("SELECT school FROM staff WHERE id = ?", [.text($0)]) ?? "" })
        }
        #expect(schools.count == 2, "several schools in one group: \(schools)")
        #expect(try fixture.store.withDatabase { try Meta(db: $0).referenceVersion() } == version + 1)

        // Not convoked on PRECE-T011B-0690001A: refused by name, nothing written.
        let refused = refusal {
            _ = try fixture.central.examinerGroups.set(
                GroupRequest(epreuve: "T011B", centre: F.a, group: group.id, examiners: [F.examinerPCatA, F.unconvoked, F.staffOnly]),
                by: Self.centre)
        }
        #expect(refused == "409 examiners: \(F.unconvoked), \(F.staffOnly) not convoked on mission PRECE-T011B-0690001A: "
            + "the convocation is the access right (D6)")
        #expect(try fixture.central.examinerGroups.list(epreuve: "T011B", centre: F.a, by: Self.centre).first { $0.id == group.id }?
            .examiners.count == 3)
        // Replacing the members; a group of another épreuve or centre cannot be taken over.
        let replaced = try fixture.central.examinerGroups.set(
            GroupRequest(epreuve: "T011B", centre: F.a, group: group.id, examiners: [F.visitor]), by: Self.centre)
        #expect(replaced.examiners.map(\.id) == [F.visitor])
        #expect(refusal {
            _ = try fixture.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: F.a, group: "GB-PC", examiners: [F.visitor]),
                                                       by: Self.centre)
        } == "409 group: GB-PC is a group of T011B at 0690002B")
        #expect(refusal {
            _ = try fixture.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: F.a, examiners: []), by: Self.centre)
        } == "400 examiners: a group needs at least one examiner")
        let audit = try fixture.central.audit.entries().filter { $0.action == "group-set" }
        #expect(audit.count == 2 && audit.allSatisfy { $0.actor == F.centreA })
    }

    @Test func d10AutomaticDistributionIsBalancedKeepsThosePlacedAndReadsInNumberOrder() throws {
        let fixture = try F()
        let groups = try Self.threeGroups(fixture)
        let registered = try Self.registered(fixture)
        #expect(registered.count == 41)
        let result = try fixture.central.distribution.distribute(
            DistributeRequest(epreuve: "T011B", centre: F.a, groups: groups), by: Self.centre)
        #expect(result.moves.count == 41 && result.message.hasPrefix("41 candidates of T011B at 0690001A distributed"))
        let placed = try lots(fixture)
        let sizes = groups.map { placed[$0]?.count ?? 0 }
        #expect(sizes == [14, 14, 13], "one lot per group, named after it")
        for group in groups { #expect(placed[group] == placed[group]?.sorted(), "roll call in number order") }
        #expect(groups.flatMap { placed[$0] ?? [] } == registered, "consecutive runs of numbers: nobody lost, nobody twice")
        // The PCs of A get them as candidates of the épreuve.
        let snapshot = try fixture.central.reference.snapshot(centre: F.a)
        #expect(Set(registered).isSubset(of: Set(snapshot.candidates.map(\.number))))
        #expect(snapshot.lots.filter { groups.contains($0.id) }.map(\.candidates.count) == [14, 14, 13])

        // Again, over every group here (the session file's GA-PC too): nobody moves.
        let again = try fixture.central.distribution.distribute(DistributeRequest(epreuve: "T011B", centre: F.a), by: Self.centre)
        #expect(again.moves.isEmpty && again.message.hasPrefix("nothing to distribute"))
        #expect(try lots(fixture) == placed)
    }

    @Test func d10D9ByHandWithADivisionOrNumbersAndTheDivisionNeverReachesThePCs() throws {
        let fixture = try F()
        let groups = try Self.threeGroups(fixture)
        let tg1 = try Self.registered(fixture, division: "TG1")
        #expect(!tg1.isEmpty && tg1.count < 41)
        let byDivision = try fixture.central.distribution.distribute(
            DistributeRequest(epreuve: "T011B", centre: F.a, group: groups[0], division: "TG1"), by: Self.centre)
        #expect(byDivision.moves.map(\.candidate) == tg1 && byDivision.moves.allSatisfy { $0.to == groups[0] })

        let others = try Self.registered(fixture).filter { !tg1.contains($0) }
        let named = Array(others.prefix(3).reversed())
        let byNumber = try fixture.central.distribution.distribute(
            DistributeRequest(epreuve: "T011B", centre: F.a, group: groups[1], candidates: named), by: Self.centre)
        #expect(byNumber.moves.map(\.candidate) == named.sorted())
        #expect(refusal {
            _ = try fixture.central.distribution.distribute(
                DistributeRequest(epreuve: "T011B", centre: F.a, group: groups[2], candidates: [tg1[0]]), by: Self.centre)
        } == "409 candidates: \(tg1[0]) is in lot \(groups[0]) already: reassign them, with a reason (D13)")
        let atB = try Self.registered(fixture, centre: F.b)[0]
        #expect(refusal {
            _ = try fixture.central.distribution.distribute(
                DistributeRequest(epreuve: "T011B", centre: F.a, group: groups[2], candidates: [others[5], atB]), by: Self.centre)
        } == "404 candidates: \(atB) is not registered for T011B at 0690001A")
        #expect(try lots(fixture)[groups[2]]?.isEmpty ?? true, "nothing half-written")

        // D9: the division chose, and is nowhere in what a lab PC pulls.
        let snapshot = String(decoding: try JSONCoding.encode(try fixture.central.reference.snapshot(centre: F.a)), as: UTF8.self)
        #expect(!snapshot.contains("TG1") && !snapshot.contains("division") && !snapshot.contains("0690010K"))
        let audit = try fixture.central.audit.entries().filter { $0.action == "distribute" }.map(\.detail)
        #expect(audit.count == 2 && audit[0].hasSuffix("(division TG1)"))
    }

    @Test func d13ASickExaminersLotIsRedistributedAndGradesMoveWithCandidates() throws {
        let fixture = try F()
        let groups = try Self.threeGroups(fixture)
        _ = try fixture.central.distribution.distribute(DistributeRequest(epreuve: "T011B", centre: F.a, groups: groups), by: Self.centre)
        let sick = try #require(try lots(fixture)[groups[0]])
        // In the sick examiner's lot: one graded, one absent, one half graded, before they fell ill.
        var ops = OperationMaker(try fixture.enrol(centre: F.a))
        let pushed = try fixture.central.push.push(node: ops.node, operations: [
            ops.fullGrade(sick[0], author: F.examinerPCatA, lot: groups[0]),
            ops.make(kind: .attendance, author: F.examinerPCatA, lot: groups[0], candidate: sick[1], ["attendance": "AB"]),
            ops.make(author: F.examinerPCatA, lot: groups[0], candidate: sick[2], ["subject": "S1", "level.S1.APP": "B"]),
        ])
        #expect(pushed.results.allSatisfy { $0.outcome == .applied })
        let halfGraded = try fixture.central.sheet(sick[2], centre: F.a)
        let version = try fixture.store.withDatabase { try Meta(db: $0).referenceVersion() }

        #expect(refusal {
            _ = try fixture.central.redistribution.redistribute(RedistributeRequest(lot: groups[0], why: " "), by: Self.centre)
        } == "400 why: a reassignment needs a reason (--why)")
        let result = try fixture.central.redistribution.redistribute(
            RedistributeRequest(lot: groups[0], why: "Camille MARTIN is ill"), by: Self.centre)
        #expect(result.moves.count == sick.count - 2)
        #expect(result.moves.map(\.candidate) == Array(sick.dropFirst(2)))
        #expect(result.moves.filter(\.carried).map(\.candidate) == [sick[2]])
        let after = try lots(fixture)
        #expect(after[groups[0]] == Array(sick.prefix(2)), "the graded and the absent stay")
        let receiving = after.filter { $0.key != groups[0] }.map(\.value.count)
        #expect(receiving.count == 3 && (receiving.max() ?? 0) - (receiving.min() ?? 0) <= 1, "LA-PC, G2, G3 balanced: \(receiving)")
        #expect(Set(after.values.flatMap { $0 }).count == after.values.map(\.count).reduce(0, +), "nobody twice")
        #expect(try fixture.central.sheet(sick[2], centre: F.a) == halfGraded, "the sheet goes with the candidate")
        #expect(try fixture.store.withDatabase { try Meta(db: $0).referenceVersion() } == version + 1)
        let recorded = try fixture.store.withDatabase { db in
            try db.rows("SELECT candidate, from_lot, by, why FROM reassignments ORDER BY id").map {
                "\(try $0.string("candidate")) \(try $0.string("from_lot")) \(try $0.string("by")) \(try $0.string("why"))"
            }
        }
        #expect(recorded == result.moves.map { "\($0.candidate) \(groups[0]) \(F.centreA) Camille MARTIN is ill" })
        let audit = try fixture.central.audit.entries()
        #expect(audit.filter { $0.action == "reassign" && $0.actor == F.centreA }.count == result.moves.count)
        #expect(audit.contains { $0.action == "redistribute" && $0.detail.hasSuffix(": Camille MARTIN is ill") })

        // The graded candidate, reassigned by a coordinator: the grade goes along.
        let graded = try fixture.central.sheet(sick[0], centre: F.a)
        let moved = try fixture.central.redistribution.reassign(
            ReassignRequest(epreuve: "T011B", candidate: sick[0], lot: groups[1], why: "second opinion"), by: .person(F.coordinatorPC))
        #expect(moved.moves == [CandidateMove(candidate: sick[0], from: groups[0], to: groups[1], carried: true)])
        #expect(try lots(fixture)[groups[1]]?.last == sick[0], "at the end of the roll call: places already called keep their number")
        #expect(try fixture.central.sheet(sick[0], centre: F.a) == graded)
    }

    @Test func d13ALockedLotIsUnlockedBeforeACandidateMovesInOrOut() throws {
        let fixture = try F()
        try Self.lockSessionLot(fixture)
        let group = try fixture.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: F.a, examiners: [F.visitor]), by: .manager)
        _ = try fixture.central.distribution.distribute(DistributeRequest(epreuve: "T011B", centre: F.a), by: .manager)
        #expect(try lots(fixture)["LA-PC"] == ["KA1", "KA2"], "a locked lot receives nobody: the new group's lot takes all")
        #expect(try lots(fixture)[group.id]?.count == 41)
        let out = ReassignRequest(epreuve: "T011B", candidate: "KA1", lot: group.id, why: "mistake")
        #expect(refusal { _ = try fixture.central.redistribution.reassign(out, by: .manager) }
            == "409 lot: LA-PC is locked: unlock it first, with a reason (D13)")
        _ = try fixture.central.lots.unlock(lot: "LA-PC", by: .manager, why: "KA1 was in the wrong lot")
        #expect(try fixture.central.redistribution.reassign(out, by: .manager).moves.first?.carried == true)
        #expect(refusal {
            _ = try fixture.central.redistribution.reassign(ReassignRequest(epreuve: "T011B", candidate: "KB1", lot: group.id, why: "x"), by: .manager)
        } == "409 lot: \(group.id) is at centre 0690001A, KB1 sits at 0690002B: a change of exam centre is the registrations' (import --why)")
    }

    @Test func d20AClosedEpreuveTakesNoNewCandidateUntilItIsReopened() throws {
        let fixture = try F()
        try Self.lockSessionLot(fixture)
        _ = try fixture.central.closure.close(epreuve: "T011B", centre: F.a, by: .manager)
        _ = try fixture.central.examinerGroups.set(GroupRequest(epreuve: "T011B", centre: F.a, examiners: [F.visitor]), by: .manager)
        #expect(refusal { _ = try fixture.central.distribution.distribute(DistributeRequest(epreuve: "T011B", centre: F.a), by: .manager) }?
            .hasPrefix("409 épreuve T011B is closed at 0690001A") == true)
        #expect(try lots(fixture).keys.sorted() == ["LA-PC"], "no lot made")
    }

    @Test func d13D6OnlyTheCentreItsReferentTheCoordinatorsAndTheManagerMay() throws {
        let fixture = try F()
        let request = GroupRequest(epreuve: "T011B", centre: F.a, examiners: [F.examinerPCatA])
        for person in [F.centreA, F.referentPCatA, F.coordinatorPC] {
            #expect(refusal { _ = try fixture.central.examinerGroups.set(request, by: .person(person)) } == nil, "\(person)")
        }
        for person in [F.examinerPCatA, F.visitor, F.centreB, F.coordinatorSVT, F.staffOnly] {
            #expect(refusal { _ = try fixture.central.examinerGroups.set(request, by: .person(person)) }?.hasPrefix("403 \(person) may not "
                + "distribute the candidates of T011B at 0690001A") == true, "\(person)")
            #expect(refusal {
                _ = try fixture.central.redistribution.redistribute(RedistributeRequest(lot: "LA-PC", why: "x"), by: .person(person))
            }?.hasPrefix("403 \(person) may not reassign the candidates of T011B at 0690001A") == true, "\(person)")
        }
    }
}
