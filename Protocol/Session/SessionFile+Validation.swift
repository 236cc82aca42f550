/// Checks a session file as a whole before anything is written, and names the first problems by path.
extension SessionFile {
    public func problems() -> [String] {
        var found: [String] = []
        if format != SessionFile.format { found.append("format: '\(format)' is not \(SessionFile.format)") }
        if session.isEmpty { found.append("session: empty") }

        func unique<T>(_ items: [T], _ path: String, _ key: (T) -> String) -> Set<String> {
            var seen = Set<String>()
            for (index, item) in items.enumerated() {
                let value = key(item)
                if value.isEmpty {
                    found.append("\(path)[\(index)]: empty identifier")
                } else if let problem = WireLimits.identifierProblem(value) {
                    // Identifiers travel in operations: what the wire refuses, no one could ever grade.
                    found.append("\(path)[\(index)]: identifier \(problem)")
                }
                if !seen.insert(value).inserted { found.append("\(path)[\(index)]: '\(value)' appears twice") }
            }
            return seen
        }
        let centreCodes = unique(centres, "centres") { $0.code }
        // A node id is `CENTRE-Nk`: it must stay an identifier too.
        for (index, centre) in centres.enumerated() where centre.code.utf8.count > WireLimits.identifierBytes - 12 {
            found.append("centres[\(index)]: code longer than \(WireLimits.identifierBytes - 12) bytes (node ids add '-N' and a number)")
        }
        let epreuveCodes = unique(epreuves, "epreuves") { $0.code }
        let examinerIDs = unique(examiners, "examiners") { $0.id }
        _ = unique(coordinators, "coordinators") { $0.id }
        let groupIDs = unique(groups, "groups") { $0.id }
        _ = unique(candidates, "candidates") { $0.number }
        _ = unique(lots, "lots") { $0.id }

        for (index, epreuve) in epreuves.enumerated() {
            let path = "epreuves[\(index)] (\(epreuve.code))"
            if epreuve.subjects.isEmpty { found.append("\(path).subjects: none") }
            _ = unique(epreuve.subjects, "\(path).subjects") { $0.code }
            for (s, subject) in epreuve.subjects.enumerated() {
                // A level's field is `level.SUBJECT.COMPETENCY`: a dot in either code would be ambiguous.
                if subject.code.contains(".") { found.append("\(path).subjects[\(s)]: code '\(subject.code)' contains a dot") }
                for competency in subject.bareme.competencies where competency.code.contains(".") {
                    found.append("\(path).subjects[\(s)] (\(subject.code)): competency code '\(competency.code)' contains a dot")
                }
                // A grade operation carries a level per competency, the subject, attendance and a comment.
                if subject.bareme.competencies.count > WireLimits.keys - 4 {
                    found.append("\(path).subjects[\(s)] (\(subject.code)): more than \(WireLimits.keys - 4) competencies")
                }
                for competency in subject.bareme.competencies
                where WireLimits.identifierProblem(SheetField.level(subject: subject.code, competency: competency.code)) != nil {
                    found.append("\(path).subjects[\(s)] (\(subject.code)): field of competency '\(competency.code)' is longer than \(WireLimits.identifierBytes) bytes or not printable")
                }
                for problem in subject.bareme.problems() {
                    found.append("\(path).subjects[\(s)] (\(subject.code)).bareme: \(problem)")
                }
                if (epreuve.kind == .ece) != subject.bareme.items.isEmpty {
                    found.append("\(path).subjects[\(s)] (\(subject.code)).bareme: "
                        + (epreuve.kind == .ece ? "an ECE is graded by competencies, not items" : "an épreuve of kind \(epreuve.kind.rawValue) is graded by items, not competencies"))
                }
            }
        }
        for (index, coordinator) in coordinators.enumerated() {
            for code in coordinator.epreuves ?? [] where !epreuveCodes.contains(code) {
                found.append("coordinators[\(index)] (\(coordinator.id)).epreuves: unknown épreuve '\(code)'")
            }
        }
        for (index, examiner) in examiners.enumerated() where !centreCodes.contains(examiner.centre) {
            found.append("examiners[\(index)] (\(examiner.id)).centre: unknown centre '\(examiner.centre)'")
        }
        let groupsByID = Dictionary(groups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, group) in groups.enumerated() {
            let path = "groups[\(index)] (\(group.id))"
            if !epreuveCodes.contains(group.epreuve) { found.append("\(path).epreuve: unknown épreuve '\(group.epreuve)'") }
            if !centreCodes.contains(group.centre) { found.append("\(path).centre: unknown centre '\(group.centre)'") }
            if group.examiners.isEmpty { found.append("\(path).examiners: none") }
            for id in group.examiners where !examinerIDs.contains(id) {
                found.append("\(path).examiners: unknown examiner '\(id)'")
            }
        }
        let candidatesByNumber = Dictionary(candidates.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, candidate) in candidates.enumerated() {
            let path = "candidates[\(index)] (\(candidate.number))"
            if !centreCodes.contains(candidate.centre) { found.append("\(path).centre: unknown centre '\(candidate.centre)'") }
            for code in candidate.epreuves where !epreuveCodes.contains(code) {
                found.append("\(path).epreuves: unknown épreuve '\(code)'")
            }
        }
        var placed: [String: String] = [:]  // "épreuve/candidate" -> lot
        for (index, lot) in lots.enumerated() {
            let path = "lots[\(index)] (\(lot.id))"
            if !epreuveCodes.contains(lot.epreuve) { found.append("\(path).epreuve: unknown épreuve '\(lot.epreuve)'") }
            if !centreCodes.contains(lot.centre) { found.append("\(path).centre: unknown centre '\(lot.centre)'") }
            if let group = groupsByID[lot.group] {
                if group.epreuve != lot.epreuve || group.centre != lot.centre {
                    found.append("\(path).group: group '\(lot.group)' is for \(group.epreuve) at \(group.centre)")
                }
            } else if !groupIDs.contains(lot.group) {
                found.append("\(path).group: unknown group '\(lot.group)'")
            }
            for number in lot.candidates {
                guard let candidate = candidatesByNumber[number] else {
                    found.append("\(path).candidates: unknown candidate '\(number)'")
                    continue
                }
                if candidate.centre != lot.centre {
                    found.append("\(path).candidates: candidate \(number) sits at \(candidate.centre), not \(lot.centre)")
                }
                if !candidate.epreuves.contains(lot.epreuve) {
                    found.append("\(path).candidates: candidate \(number) is not registered for \(lot.epreuve)")
                }
                if let other = placed.updateValue(lot.id, forKey: "\(lot.epreuve)/\(number)") {
                    found.append("\(path).candidates: candidate \(number) is already in lot \(other) for \(lot.epreuve)")
                }
            }
        }
        return found
    }
}
