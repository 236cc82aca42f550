import ArdoiseProtocol
import Testing

/// Each row of ARCHITECTURE "Merge", against the pure decision (no store, no clock): the same rows are
/// tested again through the real store in ServerTests/MergeRuleTests.
@Suite struct MergeDecisionTests {
    static let grid = Bareme(competencies: [
        Competency(code: "APP", label: "S'approprier", points: ["A": 10, "B": 6, "C": 3, "D": 0]),
        Competency(code: "REA", label: "Réaliser", points: ["A": 10, "B": 6, "C": 3, "D": 0]),
    ])
    static let epreuve = Epreuve(code: "T011B", label: "Physique-chimie pratique", kind: .ece, subjects: [
        Subject(code: "S1", label: "Titrage", bareme: grid), Subject(code: "S2", label: "Pendule", bareme: grid),
    ])
    static let now: Int64 = 1_000_000

    static func lot(_ status: LotStatus = .open) -> LotState {
        LotState(id: "L1", epreuve: "T011B", centre: "C1", group: "G1", status: status, rev: 7)
    }

    static func state(_ sheet: [String: FieldState] = [:], lot: LotState? = lot(), centre: String = "C1",
                      candidateLot: String? = "L1", lotSheets: [(candidate: String, fields: [String: String])] = [])
        -> MergeState {
        var state = MergeState(centre: centre, lot: lot, members: ["E1", "E2"], epreuve: epreuve, candidateLot: candidateLot,
                               sheet: sheet, lotSheets: lotSheets)
        state.proofValid = true
        return state
    }

    static func field(_ value: String, rev: Int64, wall: Int64 = 500, node: String = "N1") -> FieldState {
        FieldState(value: value, rev: rev, hlc: HLC(wall: wall), node: node, author: "E1")
    }

    static func operation(_ values: [String: String], base: [String: Int64] = [:], kind: OperationKind = .grade,
                          author: String = "E2", wall: Int64 = 900, node: String = "N2",
                          candidate: String? = "K1") -> SyncOperation {
        SyncOperation(node: node, seq: 1, hlc: HLC(wall: wall), author: author, kind: kind, epreuve: "T011B", lot: "L1",
                      candidate: candidate, base: base, values: values)
    }

    static func decide(_ operation: SyncOperation, _ state: MergeState) -> MergeOutcome {
        MergeDecision.decide(operation, state: state, now: now)
    }

    /// Issue 8 item 7: the author named is not enough; without valid proof of their secret the operation
    /// is not authorised, whoever is named, and kept in the report naming the examiner.
    @Test func anOperationWithoutValidProofIsNotAuthorised() {
        var state = Self.state()
        state.proofValid = false
        let outcome = Self.decide(Self.operation(["level.S1.APP": "B", "subject": "S1"]), state)
        #expect(outcome.outcome == .rejected)
        #expect(outcome.detail == "not-authorised: examiner E2 gave no valid proof of their secret for this operation")
        #expect(!outcome.entries.isEmpty && outcome.entries.allSatisfy { $0.kind == .notAuthorised })
        #expect(outcome.entries.allSatisfy { $0.rule.contains("examiner E2 gave no valid proof") })
    }

    @Test func baseIsCurrentApplies() {
        let outcome = Self.decide(Self.operation(["level.S1.APP": "B"], base: ["level.S1.APP": 3, "attendance": 2]),
                                  Self.state(["subject": Self.field("S1", rev: 1), "attendance": Self.field("PRESENT", rev: 2),
                                              "level.S1.APP": Self.field("A", rev: 3)]))
        #expect(outcome.outcome == .applied && outcome.entries.isEmpty)
        #expect(outcome.writes.map(\.field) == ["level.S1.APP"] && outcome.writes.map(\.value) == ["B"])
    }

    @Test func staleBaseSameValueMergesSilently() {
        let outcome = Self.decide(Self.operation(["subject": "S1"]),
                                  Self.state(["subject": Self.field("S1", rev: 4), "attendance": Self.field("PRESENT", rev: 5)]))
        #expect(outcome.outcome == .applied && outcome.writes.isEmpty && outcome.entries.isEmpty)
    }

    @Test func staleBaseOtherFieldsEachMergedOnTheirOwn() {
        let outcome = Self.decide(Self.operation(["subject": "S1", "level.S1.REA": "C"]),
                                  Self.state(["subject": Self.field("S1", rev: 4), "level.S1.APP": Self.field("A", rev: 5)]))
        #expect(outcome.outcome == .applied)
        #expect(outcome.writes.map(\.field) == ["attendance", "level.S1.REA"])
    }

    @Test func staleBaseSameFieldDifferentValueIsAConflictWithAProvisionalWinner() {
        let earlier = Self.decide(Self.operation(["subject": "S1", "level.S1.APP": "D"], wall: 100),
                                  Self.state(["subject": Self.field("S1", rev: 1), "level.S1.APP": Self.field("A", rev: 2)]))
        #expect(earlier.outcome == .conflict && earlier.entries.count == 1)
        let entry = earlier.entries[0]
        #expect(entry.kind == .sameField && entry.winner == "server" && entry.server.value == "A" && entry.node.value == "D")
        #expect(!earlier.writes.contains { $0.field == "level.S1.APP" })
        let later = Self.decide(Self.operation(["level.S1.APP": "D"], wall: 900),
                                Self.state(["subject": Self.field("S1", rev: 1), "level.S1.APP": Self.field("A", rev: 2)]))
        #expect(later.entries.first?.winner == "node" && later.writes.contains { $0.field == "level.S1.APP" && $0.value == "D" })
        // Equal clocks: the greater node id wins, and the rule says so.
        let tie = Self.decide(Self.operation(["level.S1.APP": "D"], wall: 500, node: "N0"),
                              Self.state(["subject": Self.field("S1", rev: 1), "level.S1.APP": Self.field("A", rev: 2)]))
        #expect(tie.entries.first?.winner == "server" && tie.entries.first?.rule.contains("greater node id") == true)
    }

    @Test func anEditOnALockedLotIsRejectedWithOnlyTheDifferingFields() {
        let sheet = ["subject": Self.field("S1", rev: 1), "attendance": Self.field("PRESENT", rev: 1),
                     "level.S1.APP": Self.field("A", rev: 2)]
        let outcome = Self.decide(Self.operation(["subject": "S1", "level.S1.APP": "D"]), Self.state(sheet, lot: Self.lot(.locked)))
        #expect(outcome.outcome == .rejected && outcome.writes.isEmpty)
        #expect(outcome.entries.map(\.field) == ["level.S1.APP"] && outcome.entries[0].kind == .lotLocked)
        let same = Self.decide(Self.operation(["level.S1.APP": "A"]), Self.state(sheet, lot: Self.lot(.locked)))
        #expect(same.outcome == .applied && same.entries.isEmpty && same.writes.isEmpty)
    }

    @Test func anAuthorNotOfTheGroupOrALotOfAnotherCentreIsNotAuthorised() {
        let stranger = Self.decide(Self.operation(["subject": "S1"], author: "E9"), Self.state())
        #expect(stranger.outcome == .rejected && stranger.entries.allSatisfy { $0.kind == .notAuthorised })
        let elsewhere = Self.decide(Self.operation(["subject": "S1"]), Self.state(centre: "C2"))
        #expect(elsewhere.entries.first?.kind == .notAuthorised && elsewhere.entries.first?.centre == "C2")
    }

    @Test func invalidOperationsAreRejectedAndKept() {
        for (operation, state, reason) in [
            (Self.operation(["subject": "S7"]), Self.state(), "not a subject of T011B"),
            (Self.operation(["level.APP": "A"]), Self.state(), "choose the subject first"),
            (Self.operation(["subject": "S1"]), Self.state(candidateLot: "L2"), "is not in lot L1"),
            (Self.operation(["subject": "S1"]), Self.state(lot: nil), "unknown lot L1"),
            (Self.operation(["attendance": "AB", "subject": "S1"], kind: .attendance), Self.state(), "attendance only"),
            (Self.operation(["subject": "S1"], wall: Self.now + MergeRules.clockSkewAllowed + 1), Self.state(), "more than a day ahead"),
        ] {
            let outcome = Self.decide(operation, state)
            #expect(outcome.outcome == .rejected && outcome.detail?.contains(reason) == true, "\(outcome.detail ?? "")")
            #expect(!outcome.entries.isEmpty && outcome.entries.allSatisfy { $0.kind == .invalid || $0.kind == .notAuthorised })
        }
    }

    @Test func absenceAgainstAGradeEnteredElsewhereIsDisputed() {
        let outcome = Self.decide(Self.operation(["attendance": "AB"], kind: .attendance),
                                  Self.state(["attendance": Self.field("PRESENT", rev: 3), "subject": Self.field("S1", rev: 3)]))
        #expect(outcome.outcome == .conflict && outcome.entries.first?.kind == .attendanceVersusGrade)
        #expect(outcome.entries.first?.kind.disputes == true)
    }

    @Test func gradingImpliesPresenceOnBothSides() {
        // A grade that does not say so still sets PRESENT, so it meets an absence entered elsewhere.
        let normalised = MergeRules.normalised(Self.operation(["subject": "S1"]), sheet: [:], epreuve: Self.epreuve)
        #expect(normalised.values["attendance"] == "PRESENT")
        let outcome = Self.decide(Self.operation(["subject": "S1", "level.S1.APP": "A"]),
                                  Self.state(["attendance": Self.field("AB", rev: 3)]))
        #expect(outcome.entries.first?.kind == .attendanceVersusGrade)
        // A grade that says absent is invalid.
        let absent = Self.decide(Self.operation(["attendance": "AB", "subject": "S1"]), Self.state())
        #expect(absent.outcome == .rejected && absent.detail?.contains("a grade sets attendance PRESENT") == true)
    }

    @Test func d12ALockIsAcceptedOnlyWhenEveryCandidateIsGradedOrAbsent() {
        let lock = Self.operation(["status": "locked"], kind: .lock, candidate: nil)
        let graded = ["subject": "S1", "attendance": "PRESENT", "level.S1.APP": "A", "level.S1.REA": "B"]
        let refused = Self.decide(lock, Self.state(lotSheets: [("K1", graded), ("K2", ["subject": "S1", "level.S1.APP": "A"])]))
        #expect(refused.outcome == .rejected && refused.entries.first?.kind == .lockRefused)
        #expect(refused.detail?.contains("1 candidate neither graded nor absent: K2") == true)
        let accepted = Self.decide(lock, Self.state(lotSheets: [("K1", graded), ("K2", ["attendance": "AB"])]))
        #expect(accepted.outcome == .applied && accepted.locksLot)
        let again = Self.decide(lock, Self.state(lot: Self.lot(.locked)))
        #expect(again.outcome == .applied && !again.locksLot && again.detail == "lot was already locked")
    }
}
