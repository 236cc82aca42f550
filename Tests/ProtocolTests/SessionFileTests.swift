import ArdoiseProtocol
import Testing

/// The session file is checked whole, with each problem named by its path.
@Suite struct SessionFileTests {
    func valid() -> SessionFile {
        let grid = Bareme(competencies: [Competency(code: "X", label: "X", points: ["A": 20, "B": 10, "C": 5, "D": 0])])
        return SessionFile(
            session: "S", academie: "A", centres: [Centre(code: "C1", name: "Un")],
            epreuves: [Epreuve(code: "T011B", label: "PC", kind: .ece, subjects: [Subject(code: "S1", label: "S1", bareme: grid)])],
            examiners: [Examiner(id: "E1", name: "E", centre: "C1")], coordinators: [],
            groups: [ExaminerGroup(id: "G1", epreuve: "T011B", centre: "C1", examiners: ["E1"])],
            candidates: [Candidate(number: "K1", centre: "C1", epreuves: ["T011B"])],
            lots: [Lot(id: "L1", epreuve: "T011B", centre: "C1", group: "G1", candidates: ["K1"])])
    }

    @Test func aValidFileHasNoProblem() {
        #expect(valid().problems().isEmpty)
    }

    @Test func brokenReferencesAreNamedByPath() {
        var file = valid()
        file.lots[0].candidates.append("K404")
        file.groups[0].examiners.append("E404")
        file.candidates.append(Candidate(number: "K1", centre: "C1", epreuves: []))
        file.coordinators = [Coordinator(id: "CO", name: "Co", epreuves: ["T011B", "T404"])]
        let problems = file.problems()
        #expect(problems.contains("coordinators[0] (CO).epreuves: unknown épreuve 'T404'"))
        var written = valid()
        written.epreuves[0].kind = .ecrit
        #expect(written.problems().contains("epreuves[0] (T011B).subjects[0] (S1).bareme: an épreuve of kind ecrit is graded by items, not competencies"))
        #expect(problems.contains("lots[0] (L1).candidates: unknown candidate 'K404'"))
        #expect(problems.contains("groups[0] (G1).examiners: unknown examiner 'E404'"))
        #expect(problems.contains("candidates[1]: 'K1' appears twice"))
    }

    /// Issue 8 item 3: identifiers travel in operations, so the file holds none the wire would refuse.
    @Test func identifiersTheWireRefusesAreRefusedHere() {
        var file = valid()
        file.candidates.append(Candidate(number: String(repeating: "9", count: 65), centre: "C1", epreuves: []))
        file.examiners.append(Examiner(id: "E\u{0}2", name: "E", centre: "C1"))
        file.centres.append(Centre(code: String(repeating: "C", count: 53), name: "Long"))
        file.epreuves[0].subjects[0].bareme.competencies[0].code = String(repeating: "X", count: 56)
        let problems = file.problems()
        #expect(problems.contains("candidates[1]: identifier is longer than 64 bytes (65)"))
        #expect(problems.contains("examiners[1]: identifier holds control character U+0000"))
        #expect(problems.contains("centres[1]: code longer than 52 bytes (node ids add '-N' and a number)"))
        #expect(problems.contains { $0.hasPrefix("epreuves[0] (T011B).subjects[0] (S1): field of competency") })
    }

    @Test func D10_aCandidateSitsInOneLotPerEpreuveOfItsOwnCentre() {
        var file = valid()
        file.centres.append(Centre(code: "C2", name: "Deux"))
        file.candidates.append(Candidate(number: "K2", centre: "C2", epreuves: ["T011B"]))
        file.lots.append(Lot(id: "L2", epreuve: "T011B", centre: "C1", group: "G1", candidates: ["K1", "K2"]))
        let problems = file.problems()
        #expect(problems.contains("lots[1] (L2).candidates: candidate K1 is already in lot L1 for T011B"))
        #expect(problems.contains("lots[1] (L2).candidates: candidate K2 sits at C2, not C1"))
    }
}
