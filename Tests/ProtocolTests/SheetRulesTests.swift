import ArdoiseProtocol
import Testing

/// D11: a grade is within the barème; a present candidate without a subject, where several exist,
/// cannot be graded. D12: graded or absent is what a lock needs.
@Suite struct SheetRulesTests {
    static let grid = Bareme(competencies: [
        Competency(code: "APP", label: "S'approprier", points: ["A": 4, "B": 3, "C": 2, "D": 0]),
        Competency(code: "REA", label: "Réaliser", points: ["A": 16, "B": 10.5, "C": 5, "D": 1]),
    ])
    let twoSubjects = Epreuve(code: "T011B", label: "PC", kind: .ece, subjects: [
        Subject(code: "S1", label: "Un", bareme: grid), Subject(code: "S2", label: "Deux", bareme: grid),
    ])
    let oneSubject = Epreuve(code: "T012B", label: "SVT", kind: .ece, subjects: [Subject(code: "S1", label: "Un", bareme: grid)])

    @Test func D11_scoreIsTheSumOfLevelPointsOnTwenty() {
        let status = SheetRules.status(of: ["subject": "S1", "level.S1.APP": "B", "level.S1.REA": "B"], in: twoSubjects)
        #expect(status == .graded(score: 13.5) && status.isDone && status.label == "13.5/20")
        #expect(SheetRules.status(of: ["subject": "S1", "level.S1.APP": "A"], in: twoSubjects) == .partial(filled: 1, of: 2))
        #expect(SheetRules.status(of: [:], in: twoSubjects) == .notGraded)
        #expect(SheetRules.status(of: ["attendance": "AB", "level.S1.APP": "A"], in: twoSubjects) == .absent)
    }

    static let items = Bareme(items: [BaremeItem(code: "Q1", label: "Un", maximum: 12, step: 0.5),
                                      BaremeItem(code: "Q2", label: "Deux", maximum: 8, step: 0.25)])
    let written = Epreuve(code: "T001A", label: "Philosophie", kind: .ecrit, subjects: [Subject(code: "S1", label: "Un", bareme: items)])

    @Test func D11_aWrittenGradeIsTheSumOfItemsEachWithinItsMaximumAndStep() {
        #expect(Self.items.problems().isEmpty)
        #expect(SheetRules.status(of: ["item.S1.Q1": "9.5", "item.S1.Q2": "6.75"], in: written) == .graded(score: 16.25))
        #expect(SheetRules.status(of: ["item.S1.Q1": "9.5"], in: written) == .partial(filled: 1, of: 2))
        #expect(SheetRules.problem(values: ["item.S1.Q1": "9,5"], current: [:], epreuve: written) == nil)
        #expect(SheetRules.problem(values: ["item.S1.Q1": "9.25"], current: [:], epreuve: written)
            == "item Q1: '9.25' is not a grade from 0 to 12 by 0.5")
        #expect(SheetRules.problem(values: ["item.S1.Q2": "8.25"], current: [:], epreuve: written)?.hasPrefix("item Q2: '8.25'") == true)
        #expect(SheetRules.problem(values: ["item.S1.Q9": "1"], current: [:], epreuve: written) == "item Q9 is not in the barème of subject S1 (items: Q1, Q2)")
        #expect(SheetRules.problem(values: ["item.S1.Q1": "-1"], current: [:], epreuve: written) != nil)
        #expect(SheetRules.problem(values: ["item.S1.Q1": "1e1"], current: [:], epreuve: written) != nil)
        #expect(Bareme(items: [BaremeItem(code: "Q1", label: "", maximum: 20.3, step: 0.25)]).problems()
            == ["item Q1: maximum 20.3 is not a positive multiple of its step 0.25", "items' maxima add up to 20.3, not 20"])
    }

    @Test func D11_subjectRequiredWhereSeveralExist() {
        #expect(SheetRules.problem(values: ["level.APP": "A"], current: [:], epreuve: twoSubjects)?.contains("choose the subject") == true)
        #expect(SheetRules.problem(values: ["level.APP": "A"], current: [:], epreuve: oneSubject) == nil)
        #expect(SheetRules.problem(values: ["level.APP": "A"], current: ["subject": "S2"], epreuve: twoSubjects) == nil)
    }

    @Test func D11_levelsSubjectsAndFieldsOutsideTheGridAreNamed() {
        #expect(SheetRules.problem(values: ["subject": "S9"], current: [:], epreuve: twoSubjects)?.contains("S9") == true)
        #expect(SheetRules.problem(values: ["level.APP": "E"], current: [:], epreuve: oneSubject)?.contains("'E'") == true)
        #expect(SheetRules.problem(values: ["level.XYZ": "A"], current: [:], epreuve: oneSubject)?.contains("XYZ") == true)
        #expect(SheetRules.problem(values: ["attendance": "MAYBE"], current: [:], epreuve: oneSubject) != nil)
        #expect(SheetRules.problem(values: ["colour": "blue"], current: [:], epreuve: oneSubject) != nil)
    }

    @Test func D11_baremeMustAddUpToTwentyWithOrderedLevels() {
        #expect(Self.grid.problems().isEmpty)
        let short = Bareme(competencies: [Competency(code: "X", label: "X", points: ["A": 19.5, "B": 2, "C": 1, "D": 0])])
        #expect(short.problems() == ["A levels add up to 19.5, not 20"])
        let inverted = Bareme(competencies: [Competency(code: "X", label: "X", points: ["A": 20, "B": 2, "C": 3, "D": 0])])
        #expect(inverted.problems().contains { $0.contains("level C earns more") })
        let missing = Bareme(competencies: [Competency(code: "X", label: "X", points: ["A": 20, "B": 2, "C": 1])])
        #expect(missing.problems().contains { $0.contains("no points for level D") })
    }
}
