import Foundation

/// A filled ECE evaluation sheet as exported at closure (D20): plain values, laid out on one A4 page by
/// `pdf()`. Candidate numbers only (D9): no name, school or division.
public struct EvaluationSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var code: String
        /// The competency's descriptor ("S'approprier").
        public var label: String
        /// "A"…"D", or nil when none was entered.
        public var level: String?
        public var points: String
        public var maximum: String

        public init(code: String, label: String, level: String?, points: String, maximum: String) {
            self.code = code
            self.label = label
            self.level = level
            self.points = points
            self.maximum = maximum
        }
    }

    public var academie: String
    public var session: String
    public var epreuve: String
    public var centre: String
    public var candidate: String
    public var lot: String
    /// "PC-01  Dosage…", or nil for an absent candidate.
    public var subject: String?
    public var rows: [Row]
    /// "14.25/20", or "AB".
    public var total: String
    /// The harmonised grade and its reason, when a coordinator changed it (D15, D16).
    public var harmonised: String?
    public var comment: String?
    /// Who entered the levels, by name.
    public var examiners: [String]
    /// The day of the last entry, "17/06/2026".
    public var date: String

    public init(academie: String, session: String, epreuve: String, centre: String, candidate: String, lot: String, subject: String?,
                rows: [Row], total: String, harmonised: String?, comment: String?, examiners: [String], date: String) {
        self.academie = academie
        self.session = session
        self.epreuve = epreuve
        self.centre = centre
        self.candidate = candidate
        self.lot = lot
        self.subject = subject
        self.rows = rows
        self.total = total
        self.harmonised = harmonised
        self.comment = comment
        self.examiners = examiners
        self.date = date
    }

    /// The sheet as a one-page PDF, without a creation date so that the same sheet gives the same bytes.
    public func pdf() throws -> [UInt8] {
        var page = PDFPage()
        draw(on: &page)
        var document = PDFDocument(title: "Fiche d'évaluation \(candidate) \(epreuve)", author: academie)
        try document.append(page)
        return try document.bytes()
    }

    private func draw(on page: inout PDFPage) {
        let left = 60.0, right = PDFPage.a4Width - 60
        var y = PDFPage.a4Height - 60
        page.text(String(academie.prefix(60)), x: left, y: y, font: .helveticaBold, size: 10)
        page.text(String(session.prefix(50)), x: right, y: y, size: 9, alignment: .right)
        y -= 34
        page.text("FICHE D'ÉVALUATION", x: PDFPage.a4Width / 2, y: y, font: .helveticaBold, size: 18, alignment: .center)
        y -= 18
        for line in PDFFont.helvetica.wrap(epreuve, size: 11, width: right - left, maxLines: 2) {
            page.text(line, x: PDFPage.a4Width / 2, y: y, size: 11, alignment: .center)
            y -= 14
        }
        y -= 10
        let fields = [("Centre", centre), ("Candidat", candidate), ("Lot", lot), ("Sujet", subject ?? "absent"), ("Date", date)]
        for (label, value) in fields {
            page.text(label, x: left, y: y, font: .helveticaBold, size: 10)
            page.text(String(value.prefix(80)), x: 150, y: y, size: 10)
            y -= 15
        }
        y -= 10
        page.rectangle(x: left - 4, y: y - 4, width: right - left + 8, height: 18, fillGray: 0.9)
        page.text("Compétence", x: left, y: y, font: .helveticaBold, size: 10)
        page.text("Niveau", x: right - 110, y: y, font: .helveticaBold, size: 10, alignment: .right)
        page.text("Points", x: right, y: y, font: .helveticaBold, size: 10, alignment: .right)
        y -= 20
        for row in rows.prefix(30) {
            let label = PDFFont.helvetica.wrap("\(row.code)  \(row.label)", size: 10, width: right - left - 150, maxLines: 2)
            for (index, line) in label.enumerated() { page.text(line, x: left, y: y - Double(index) * 12, size: 10) }
            page.text(row.level ?? "–", x: right - 110, y: y, font: .helveticaBold, size: 10, alignment: .right)
            page.text("\(row.points) / \(row.maximum)", x: right, y: y, size: 10, alignment: .right)
            y -= Double(12 * label.count + 6)
            page.line(fromX: left, y: y + 10, toX: right, y: y + 10, lineWidth: 0.25)
        }
        y -= 8
        page.text("Total : \(total)", x: right, y: y, font: .helveticaBold, size: 12, alignment: .right)
        if let harmonised {
            for line in PDFFont.helvetica.wrap("Note harmonisée : \(harmonised)", size: 9, width: right - left, maxLines: 3) {
                y -= 13
                page.text(line, x: left, y: y, size: 9)
            }
        }
        if let comment, !comment.isEmpty {
            y -= 20
            page.text("Observations", x: left, y: y, font: .helveticaBold, size: 10)
            for line in PDFFont.helvetica.wrap(comment, size: 10, width: right - left, maxLines: 6) {
                y -= 13
                page.text(line, x: left, y: y, size: 10)
            }
        }
        y -= 24
        page.text("Examinateurs", x: left, y: y, font: .helveticaBold, size: 10)
        for line in PDFFont.helvetica.wrap(examiners.isEmpty ? "–" : examiners.joined(separator: ", "), size: 10, width: right - left, maxLines: 4) {
            y -= 13
            page.text(line, x: left, y: y, size: 10)
        }
    }
}
