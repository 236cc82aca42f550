import ArdoiseProtocol
import Testing

/// The pure merge decision (ARCHITECTURE "Merge"): a function of the server field and the write.
@Suite struct FieldMergeTests {
    let current = FieldState(value: "B", rev: 5, hlc: HLC(wall: 100), node: "N1", author: "E1")

    @Test func noServerValueOrCurrentBaseFastForwards() {
        #expect(FieldMerge.decide(current: nil, write: FieldWrite(value: "A", base: 0, hlc: HLC(wall: 1), node: "N2")) == .fastForward)
        #expect(FieldMerge.decide(current: current, write: FieldWrite(value: "A", base: 5, hlc: HLC(wall: 1), node: "N2")) == .fastForward)
    }

    @Test func aNodesOwnLastWriteIsNeverAConflictWithItself() {
        #expect(FieldMerge.decide(current: current, write: FieldWrite(value: "C", base: 0, hlc: HLC(wall: 200), node: "N1")) == .fastForward)
    }

    @Test func staleBaseSameValueIsConvergent() {
        #expect(FieldMerge.decide(current: current, write: FieldWrite(value: "B", base: 2, hlc: HLC(wall: 1), node: "N2")) == .convergent)
    }

    @Test func staleBaseDifferentValueConflictsLaterClockThenGreaterNodeWins() {
        let later = FieldWrite(value: "C", base: 2, hlc: HLC(wall: 101), node: "N0")
        let earlier = FieldWrite(value: "C", base: 2, hlc: HLC(wall: 99), node: "N9")
        let sameClockGreaterNode = FieldWrite(value: "C", base: 2, hlc: HLC(wall: 100), node: "N2")
        let sameClockSmallerNode = FieldWrite(value: "C", base: 2, hlc: HLC(wall: 100), node: "N0")
        let logicalLater = FieldWrite(value: "C", base: 2, hlc: HLC(wall: 100, logical: 1), node: "N0")
        #expect(FieldMerge.decide(current: current, write: later) == .conflict(incomingWins: true))
        #expect(FieldMerge.decide(current: current, write: earlier) == .conflict(incomingWins: false))
        #expect(FieldMerge.decide(current: current, write: sameClockGreaterNode) == .conflict(incomingWins: true))
        #expect(FieldMerge.decide(current: current, write: sameClockSmallerNode) == .conflict(incomingWins: false))
        #expect(FieldMerge.decide(current: current, write: logicalLater) == .conflict(incomingWins: true))
    }

    @Test func absentAgainstPresentIsTheAttendanceRule() {
        #expect(FieldMerge.conflictKind(field: "attendance", "AB", "PRESENT") == .attendanceVersusGrade)
        #expect(FieldMerge.conflictKind(field: "level.APP", "A", "B") == .sameField)
        #expect(ConflictKind.attendanceVersusGrade.disputes && !ConflictKind.lotLocked.disputes)
    }

    @Test func clocksTickForwardAndRoundTripAsText() throws {
        let a = HLC(wall: 1000, logical: 3)
        #expect(a.tick(now: 999) == HLC(wall: 1000, logical: 4))
        #expect(a.tick(now: 2000) == HLC(wall: 2000))
        #expect(HLC(text: a.description) == a)
        #expect(HLC(text: "12-x") == nil)
        #expect(HLC(wall: 9, logical: 1).description < HLC(wall: 10).description)
    }
}
