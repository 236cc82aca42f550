import Foundation

/// Lays one convocation out on an A4 page, top to bottom: heading, title, the person in a grey band,
/// the mission's fields, the dates, the observation, then the signature block at a fixed place.
/// Every text is wrapped and its line count bounded, so nothing runs off the page or over the signature.
struct ConvocationLayout {
    let letter: ConvocationLetter

    private let left = 60.0
    private let right = PDFPage.a4Width - 60
    private let valueX = 190.0
    /// Nothing above the signature block may go below this.
    private let signatureTop = 200.0

    func draw(on page: inout PDFPage) {
        page.rectangle(x: 36, y: 36, width: PDFPage.a4Width - 72, height: PDFPage.a4Height - 72, lineWidth: 1)
        var y = PDFPage.a4Height - 60
        page.text("RÉPUBLIQUE FRANÇAISE", x: left, y: y, font: .helveticaBold, size: 10)
        let session = PDFFont.helvetica.wrap(letter.session, size: 9, width: 230, maxLines: 2)
        for (index, line) in session.enumerated() {
            page.text(line, x: right, y: y - Double(index) * 11, size: 9, alignment: .right)
        }
        y -= 14
        page.text(String(letter.academie.prefix(60)), x: left, y: y, size: 10)
        y -= 16
        page.line(fromX: left, y: y, toX: right, y: y, lineWidth: 0.75)

        y -= 36
        page.text("CONVOCATION", x: PDFPage.a4Width / 2, y: y, font: .helveticaBold, size: 20, alignment: .center)
        for line in PDFFont.helvetica.wrap(letter.missionType, size: 12, width: right - left, maxLines: 2) {
            y -= 18
            page.text(line, x: PDFPage.a4Width / 2, y: y, size: 12, alignment: .center)
        }

        y -= 22
        page.rectangle(x: left - 6, y: y - 46, width: right - left + 12, height: 56, lineWidth: 0.5, fillGray: 0.93)
        page.text("Destinataire", x: left, y: y - 4, size: 8)
        page.text(fitted(letter.personName, font: .helveticaBold, size: 13), x: left, y: y - 20, font: .helveticaBold, size: 13)
        page.text(fitted(letter.school, font: .helvetica, size: 10), x: left, y: y - 36, size: 10)
        y -= 62

        var fields: [(String, String)] = []
        if !letter.missionNumber.isEmpty { fields.append(("Mission n°", letter.missionNumber)) }
        fields.append(("Type de mission", letter.missionType))
        if !letter.epreuve.isEmpty { fields.append(("Épreuve", letter.epreuve)) }
        if !letter.qualite.isEmpty { fields.append(("Qualité", letter.qualite)) }
        if !letter.place.isEmpty { fields.append(("Lieu", letter.place)) }
        for (label, value) in fields {
            page.text(label, x: left, y: y, font: .helveticaBold, size: 10)
            for line in PDFFont.helvetica.wrap(value, size: 10, width: right - valueX, maxLines: 3) {
                page.text(line, x: valueX, y: y, size: 10)
                y -= 14
            }
            y -= 2
        }

        y -= 10
        page.text(letter.slots.count > 1 ? "Dates et horaires" : "Date et horaires", x: left, y: y,
                  font: .helveticaBold, size: 11)
        y -= 16
        y = drawSlots(on: &page, top: y)

        let observation = letter.observation.trimmingCharacters(in: .whitespacesAndNewlines)
        if !observation.isEmpty, y - 30 > signatureTop {
            y -= 8
            page.text("Observations", x: left, y: y, font: .helveticaBold, size: 11)
            y -= 15
            let room = max(1, Int((y - signatureTop) / 13))
            for line in PDFFont.helvetica.wrap(observation, size: 10, width: right - left, maxLines: room) {
                page.text(line, x: left, y: y, size: 10)
                y -= 13
            }
        }
        drawSignature(on: &page)
        page.text("Convocation à présenter le jour de la mission.", x: PDFPage.a4Width / 2, y: 48, size: 8,
                  alignment: .center)
    }

    /// One line per date; in two smaller columns past ten dates, so 32 dates still fit.
    private func drawSlots(on page: inout PDFPage, top: Double) -> Double {
        let slots = letter.slots
        guard slots.count > 10 else {
            var y = top
            for slot in slots {
                page.text("•  " + slot.frenchText, x: left + 8, y: y, size: 10)
                y -= 14
            }
            return y
        }
        let rows = (slots.count + 1) / 2
        let columnWidth = (right - left) / 2
        for (index, slot) in slots.enumerated() {
            let column = Double(index / rows)
            let row = Double(index % rows)
            page.text(fitted("• " + slot.frenchText, font: .helvetica, size: 8.5, width: columnWidth - 6),
                      x: left + column * columnWidth, y: top - row * 11.5, size: 8.5)
        }
        return top - Double(rows) * 11.5
    }

    private func drawSignature(on page: inout PDFPage) {
        let x = 330.0
        var y = signatureTop - 20
        if !letter.signedAt.isEmpty {
            page.text(fitted(letter.signedAt, font: .helvetica, size: 10, width: right - x), x: x, y: y, size: 10)
            y -= 18
        }
        page.text(fitted(letter.signatoryTitle, font: .helvetica, size: 10, width: right - x), x: x, y: y, size: 10)
        y -= 15
        page.text(fitted(letter.headOfSchool, font: .helveticaBold, size: 10, width: right - x), x: x, y: y,
                  font: .helveticaBold, size: 10)
        page.line(fromX: x, y: 80, toX: right, y: 80, lineWidth: 0.5)
        page.text("Signature", x: x, y: 70, size: 8)
    }

    /// The text cut (with "...") to fit on one line.
    private func fitted(_ text: String, font: PDFFont, size: Double, width: Double? = nil) -> String {
        let width = width ?? right - left
        guard font.width(of: text, size: size) > width else { return text }
        var kept = String(text.prefix(ConvocationLetter.maxFieldLength))
        while !kept.isEmpty, font.width(of: kept + "...", size: size) > width { kept.removeLast() }
        return kept + "..."
    }
}
