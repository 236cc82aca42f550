// Fuzz target `session`: the core of the session-file loader (Protocol/SessionFile*.swift, Sheet.swift,
// Bareme.swift), compiled into the ArdoiseProtocol module by scripts/fuzz. The input is a session file.
// It is decoded, checked with `problems()`; when it has none, random sheets (derived from the input) are
// graded against each of its épreuves with `SheetRules.status` and `SheetRules.problem`. Nothing may
// crash, and it traps when:
// - `problems()` is not deterministic, or a file without problems breaks what it promises (every
//   épreuve has a subject, every barème adds up to 20, identifiers unique);
// - a sheet that `problem` accepts has a status that cannot be: a grade outside 0…20 or not a multiple
//   of 0.25, `partial` with nothing or everything filled.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSessionFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let file: SessionFile
    do {
        file = try JSONCoding.decode(SessionFile.self, from: input)
    } catch {
        _ = JSONCoding.describe(error)
        return 0
    }
    let problems = file.problems()
    require(problems == file.problems(), "problems() is not deterministic")
    guard problems.isEmpty else { return 0 }

    require(Set(file.epreuves.map(\.code)).count == file.epreuves.count, "duplicate épreuve accepted")
    var random = FuzzRandom(seed: input)
    for epreuve in file.epreuves {
        require(!epreuve.subjects.isEmpty, "épreuve \(epreuve.code) without subject accepted")
        for subject in epreuve.subjects {
            require(subject.bareme.problems().isEmpty, "barème of \(subject.code) has problems")
            require(subject.bareme.competencies.reduce(0) { $0 + $1.maximum } == 20, "barème of \(subject.code) is not /20")
        }
        for _ in 0..<16 {
            FuzzSession.grade(epreuve, others: file.epreuves, &random)
        }
    }
    return 0
}

enum FuzzSession {
    static let levels = ["A", "B", "C", "D", "E", "a", "", "AB", " A"]

    /// A sheet as an examiner might type it: mostly valid values, sometimes not.
    static func sheet(_ epreuve: Epreuve, others: [Epreuve], _ random: inout FuzzRandom) -> [String: String] {
        var fields: [String: String] = [:]
        if random.oneIn(4) {
            fields[SheetField.attendance] = random.pick(["PRESENT", "AB", "ab", "", "ABSENT"])
        }
        let other = random.pick(others)
        let subject = random.oneIn(8) ? random.pick(other.subjects) : random.pick(epreuve.subjects)
        if epreuve.subjects.count > 1 || random.oneIn(3) {
            fields[SheetField.subject] = random.oneIn(10) ? subject.code + "x" : subject.code
        }
        for competency in subject.bareme.competencies where !random.oneIn(5) {
            let level = random.oneIn(12) ? random.pick(levels) : random.pick(["A", "B", "C", "D"])
            fields[SheetField.level(subject: subject.code, competency: competency.code)] = level
        }
        if random.oneIn(10) { fields[SheetField.level(subject: subject.code, competency: "NOPE")] = "A" }
        if random.oneIn(10) { fields["unknown"] = "A" }
        if random.oneIn(6) {
            fields[SheetField.comment] = String(repeating: random.pick(["é", "a", "\u{0}", "\n"]), count: random.below(2100))
        }
        return fields
    }

    static func grade(_ epreuve: Epreuve, others: [Epreuve], _ random: inout FuzzRandom) {
        let current = random.oneIn(2) ? [:] : sheet(epreuve, others: others, &random)
        let values = sheet(epreuve, others: others, &random)
        _ = SheetRules.status(of: current, in: epreuve).label
        _ = SheetRules.problem(values: values, current: current, epreuve: epreuve)

        // A sheet typed from nothing that the rules accept must have a status that makes sense.
        guard SheetRules.problem(values: values, current: [:], epreuve: epreuve) == nil else { return }
        let status = SheetRules.status(of: values, in: epreuve)
        _ = status.label
        switch status {
        case .graded(let score):
            require(score >= 0 && score <= 20, "grade \(score) outside 0…20")
            require((score * 4).rounded() == score * 4, "grade \(score) is not a multiple of 0.25")
            require(status.isDone, "graded but not done")
        case .partial(let filled, let total):
            require(filled > 0 && filled < total, "partial \(filled)/\(total) on an accepted sheet")
            require(!status.isDone, "partial but done")
        case .absent:
            require(values[SheetField.attendance] == Attendance.absent.rawValue, "absent without AB")
        case .notGraded:
            break
        }
    }
}
