import ArdoiseProtocol

/// To whom a sheet's grade counts in per-corrector follow-up (D14; README "Choices made where the issue
/// was silent"). ECE sheets are shared by a group, field by field, so a sheet has no single corrector:
/// it is attributed to the examiner who wrote most of the level fields that make its grade (those of the
/// subject in force), a tie going to whoever of them wrote last. An absent candidate's sheet goes to the
/// examiner who wrote the attendance. A pure function of the fields with their authors.
enum SheetAttribution {
    static func corrector(of fields: [String: FieldState], in epreuve: Epreuve) -> String? {
        let values = fields.mapValues(\.value)
        if values[SheetField.attendance] == Attendance.absent.rawValue { return fields[SheetField.attendance]?.author }
        guard let code = SheetRules.subjectCode(values, epreuve), let subject = epreuve.subject(code) else { return nil }
        var written: [String: (count: Int, latest: HLC)] = [:]
        for competency in subject.bareme.competencies {
            guard let field = fields[SheetField.level(subject: code, competency: competency.code)] else { continue }
            let seen = written[field.author] ?? (0, .zero)
            written[field.author] = (seen.count + 1, max(seen.latest, field.hlc))
        }
        return written.max { a, b in
            (a.value.count, a.value.latest, b.key) < (b.value.count, b.value.latest, a.key)
        }?.key
    }
}
