import ArdoiseProtocol

/// To whom a sheet's grade counts in per-corrector follow-up (D14; README "Choices made where the issue
/// was silent"). ECE sheets are shared by a group, field by field, so a sheet has no single corrector:
/// it is attributed to the examiner who wrote most of the level (or item) fields that make its grade (those
/// of the subject in force), a tie going to whoever of them wrote last. An absent candidate's sheet goes to the
/// examiner who wrote the attendance. A pure function of the fields with their authors.
enum SheetAttribution {
    static func corrector(of fields: [String: FieldState], in epreuve: Epreuve) -> String? {
        let values = fields.mapValues(\.value)
        if values[SheetField.attendance] == Attendance.absent.rawValue { return fields[SheetField.attendance]?.author }
        guard let code = SheetRules.subjectCode(values, epreuve), let subject = epreuve.subject(code) else { return nil }
        var written: [String: (count: Int, latest: HLC)] = [:]
        // A written barème's items count as an ECE grid's levels do.
        let names = subject.bareme.competencies.map { SheetField.level(subject: code, competency: $0.code) }
            + subject.bareme.items.map { SheetField.item(subject: code, item: $0.code) }
        for name in names {
            guard let field = fields[name] else { continue }
            let seen = written[field.author] ?? (0, .zero)
            written[field.author] = (seen.count + 1, max(seen.latest, field.hlc))
        }
        return written.max { a, b in
            (a.value.count, a.value.latest, b.key) < (b.value.count, b.value.latest, a.key)
        }?.key
    }
}
