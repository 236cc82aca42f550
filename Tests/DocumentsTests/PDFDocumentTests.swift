import Foundation
import TestSupport
import Testing
@testable import ArdoiseDocuments

@Suite(.timeLimit(.minutes(1))) struct PDFDocumentTests {
    static func letter(observation: String = "Se munir d’une pièce d’identité. Réunion d’entente à 8h30, salle 205.")
        throws -> ConvocationLetter
    {
        ConvocationLetter(
            academie: "Académie de Toulouse", session: "Baccalauréat général et technologique, session 2021",
            personName: "Mme Élodie Bérénice-Çağla Forêt", school: "LPO Bellevue, Toulouse (0310038Y)",
            missionNumber: "172278", missionType: "Correction de copies épreuve EC",
            epreuve: "C001C, Histoire-géographie 3ème éval", qualite: "Correcteur",
            slots: [try MissionSlot(date: "2021-02-01", start: "08:00", end: "12:00"),
                    try MissionSlot(date: "2021-02-03", start: "13:30", end: "17:45")],
            place: "LPO Bellevue, salle 205", observation: observation,
            headOfSchool: "M. Jérôme Dupré", signedAt: "Fait à Toulouse, le 12 janvier 2021")
    }

    /// pdfinfo's "Name:   value" lines.
    static func fields(_ output: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    private func poppler(_ tool: String) throws -> String {
        guard let path = ToolRunner.find(tool) else {
            throw ToolRunner.Failure("\(tool) is missing: run scripts/setup (poppler-utils)")
        }
        return path
    }

    @Test func convocationIsAValidOnePagePDFWithItsTextExtractable() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("convocation.pdf")
        let bytes = try Self.letter().pdf(creationDate: Date(timeIntervalSince1970: 1_610_000_000))
        try Data(bytes).write(to: file)

        let info = try ToolRunner.run(try poppler("pdfinfo"), [file.path])
        #expect(info.status == 0)
        #expect(info.err.isEmpty, "pdfinfo complained: \(info.err)")
        let fields = Self.fields(info.out)
        #expect(fields["Pages"] == "1")
        #expect(fields["PDF version"] == "1.4")
        #expect(fields["Title"] == "Convocation - Mme Élodie Bérénice-Çağla Forêt")
        #expect(fields["Page size"] == "595.28 x 841.89 pts (A4)")

        let text = try ToolRunner.run(try poppler("pdftotext"), ["-enc", "UTF-8", file.path, "-"])
        #expect(text.status == 0)
        #expect(text.err.isEmpty, "pdftotext complained: \(text.err)")
        // ğ is outside WinAnsi: it prints as "?", the rest keeps its accents.
        for expected in ["CONVOCATION", "RÉPUBLIQUE FRANÇAISE", "Mme Élodie Bérénice-Ça?la Forêt",
                         "Correction de copies épreuve EC", "C001C, Histoire-géographie 3ème éval", "Correcteur",
                         "lundi 1er février 2021, de 08h00 à 12h00", "mercredi 3 février 2021, de 13h30 à 17h45",
                         "Se munir d’une pièce d’identité.", "M. Jérôme Dupré", "Le chef d'établissement",
                         "Fait à Toulouse, le 12 janvier 2021", "Académie de Toulouse"] {
            #expect(text.out.contains(expected), "missing \(expected) in:\n\(text.out)")
        }

        let render = try ToolRunner.run(try poppler("pdftoppm"), ["-r", "30", "-png", file.path,
                                                                folder.appendingPathComponent("page").path])
        #expect(render.status == 0)
        #expect(render.err.isEmpty, "pdftoppm complained: \(render.err)")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 1)
    }

    @Test func manyPagesUncompressedAndFrenchPunctuation() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var document = PDFDocument(title: "Essai « guillemets »", compressed: false)
        for index in 1...3 {
            var page = PDFPage()
            page.text("Page \(index) : « ça va ? » – œuvre, 12 €", x: 72, y: 700, font: .helveticaBold, size: 14)
            page.rectangle(x: 50, y: 50, width: 100, height: 40, fillGray: 0.5)
            page.line(fromX: 0, y: 0, toX: .nan, y: .infinity)
            try document.append(page)
        }
        let file = folder.appendingPathComponent("three.pdf")
        try Data(try document.bytes()).write(to: file)
        let info = try ToolRunner.run(try poppler("pdfinfo"), [file.path])
        #expect(info.err.isEmpty, "pdfinfo complained: \(info.err)")
        #expect(Self.fields(info.out)["Pages"] == "3")
        #expect(Self.fields(info.out)["Title"] == "Essai « guillemets »")
        let text = try ToolRunner.run(try poppler("pdftotext"), ["-enc", "UTF-8", file.path, "-"])
        #expect(text.err.isEmpty)
        #expect(text.out.contains("Page 3 : « ça va ? » – œuvre, 12 €"))
    }

    @Test func crossReferenceOffsetsPointAtTheirObjects() throws {
        let bytes = try Self.letter().pdf()
        let text = String(decoding: bytes, as: UTF8.self)
        guard let startRange = text.range(of: "startxref\n", options: .backwards) else {
            Issue.record("no startxref")
            return
        }
        let start = Int(text[startRange.upperBound...].prefix { $0.isNumber }) ?? -1
        #expect(Array(bytes[start..<(start + 4)]) == Array("xref".utf8))
        // Entry n sits at start + "xref\n0 N\n" + 20 * n bytes, and must point at "n 0 obj".
        let header = "xref\n0 8\n"
        #expect(String(decoding: bytes[start..<(start + header.utf8.count)], as: UTF8.self) == header)
        for number in 1..<8 {
            let entryStart = start + header.utf8.count + 20 * number
            let entry = String(decoding: bytes[entryStart..<(entryStart + 20)], as: UTF8.self)
            #expect(entry.hasSuffix(" 00000 n\r\n"))
            let offset = Int(entry.prefix(10)) ?? -1
            let object = String(decoding: bytes[offset..<(offset + "\(number) 0 obj".utf8.count)], as: UTF8.self)
            #expect(object == "\(number) 0 obj")
        }
    }

    @Test func sameInputGivesSameBytes() throws {
        #expect(try Self.letter().pdf() == Self.letter().pdf())
    }

    @Test func badInputIsRefusedWithOneLine() throws {
        var letter = try Self.letter()
        letter.personName = "  "
        #expect(throws: DocumentsError("the convocation's person name is empty")) { try letter.pdf() }
        letter = try Self.letter()
        letter.slots = []
        #expect(throws: DocumentsError.self) { try letter.pdf() }
        letter.slots = [MissionSlot(year: 2021, month: 2, day: 30, startMinute: 480, endMinute: 600)]
        #expect(throws: DocumentsError("invalid mission date 2021-2-30")) { try letter.pdf() }
        #expect(throws: DocumentsError.self) { try MissionSlot(date: "2021-02-01", start: "12:00", end: "08:00") }
        #expect(throws: DocumentsError.self) { try MissionSlot(date: "01/02/2021", start: "08:00", end: "12:00") }
        #expect(throws: DocumentsError.self) { try PDFDocument(title: "vide").bytes() }
        var page = PDFPage()
        for _ in 0...PDFPage.maxOperations { page.line(fromX: 0, y: 0, toX: 1, y: 1) }
        var document = PDFDocument(title: "trop")
        #expect(page.isOverfull)
        #expect(throws: DocumentsError.self) { try document.append(page) }
    }

    @Test func longObservationAndManyDatesStayOnOnePage() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var letter = try Self.letter(observation: String(repeating: "Très longue observation, répétée. ", count: 58))
        letter.slots = try (1...28).map { try MissionSlot(date: String(format: "2021-02-%02d", $0), start: "08:00", end: "18:00") }
        let file = folder.appendingPathComponent("long.pdf")
        try Data(try letter.pdf()).write(to: file)
        let text = try ToolRunner.run(try poppler("pdftotext"), ["-enc", "UTF-8", "-layout", file.path, "-"])
        #expect(text.err.isEmpty)
        #expect(text.out.contains("dimanche 28 février 2021, de 08h00 à 18h00"))
        #expect(text.out.contains("M. Jérôme Dupré"))
        #expect(text.out.contains("..."))
        let info = try ToolRunner.run(try poppler("pdfinfo"), [file.path])
        #expect(Self.fields(info.out)["Pages"] == "1")
    }

    @Test func frenchDatesAndFileNames() throws {
        #expect(MissionSlot.weekdayIndex(year: 2021, month: 2, day: 1) == 0)
        #expect(MissionSlot.weekdayIndex(year: 2000, month: 2, day: 29) == 1)
        #expect(try MissionSlot(date: "2024-12-25", start: "00:00", end: "24:00").frenchText
            == "mercredi 25 décembre 2024, de 00h00 à 24h00")
        #expect(try Self.letter().suggestedFileName == "convocation-172278-mme-elodie-berenice-cagla-foret.pdf")
        #expect(WinAnsi.encode("e\u{301}œ€→") == [0xE9, 0x9C, 0x80, UInt8(ascii: "?")])
        #expect(PDFPage.number(12.5) == "12.5" && PDFPage.number(-0.04) == "-0.04" && PDFPage.number(3) == "3")
    }
}
