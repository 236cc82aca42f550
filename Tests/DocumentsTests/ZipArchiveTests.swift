import Foundation
import TestSupport
import Testing
@testable import ArdoiseDocuments

@Suite(.timeLimit(.minutes(1))) struct ZipArchiveTests {
    /// Python's zipfile reads the archive back: the names in order and each content in base64.
    private static let readBack = """
        import base64, json, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as archive:
            bad = archive.testzip()
            print(json.dumps({"bad": bad, "entries": [[info.filename, info.compress_type, \
        base64.b64encode(archive.read(info)).decode()] for info in archive.infolist()]}))
        """

    @Test func unzipAndPythonReadBackEveryEntry() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = try PDFDocumentTests.letter().pdf()
        var random = SystemRandomNumberGenerator()
        let noise = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let text = Array(String(repeating: "Convocation de Mme Bérénice, correctrice. ", count: 200).utf8)
        let files: [(String, [UInt8], ZipArchive.Method)] = [
            ("convocation-172278-élodie-forêt.pdf", pdf, .deflated),
            ("notes/liste des convoqués.txt", text, .deflated),
            ("bruit.bin", noise, .deflated),  // does not shrink: stored
            ("vide.txt", [], .deflated),
            ("brut.txt", text, .stored),
        ]
        var archive = ZipArchive(modified: Date(timeIntervalSince1970: 1_610_000_000))
        for (name, bytes, method) in files { try archive.add(name: name, bytes: bytes, method: method) }
        let file = folder.appendingPathComponent("convocations.zip")
        try Data(archive.bytes()).write(to: file)

        guard let unzip = ToolRunner.find("unzip") else { throw ToolRunner.Failure("unzip is missing: run scripts/setup") }
        let tested = try ToolRunner.run(unzip, ["-t", file.path])
        #expect(tested.status == 0, "unzip -t: \(tested.out) \(tested.err)")
        #expect(tested.out.contains("No errors detected"))

        let python = "/usr/bin/python3"
        let zipTest = try ToolRunner.run(python, ["-m", "zipfile", "-t", file.path])
        #expect(zipTest.status == 0, "python3 -m zipfile -t: \(zipTest.err)")
        let script = folder.appendingPathComponent("read.py")
        try Self.readBack.write(to: script, atomically: true, encoding: .utf8)
        let read = try ToolRunner.run(python, [script.path, file.path])
        #expect(read.status == 0, "\(read.err)")
        struct Listing: Decodable {
            var bad: String?
            var entries: [[Value]]
            enum Value: Decodable {
                case text(String), number(Int)
                init(from decoder: Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let number = try? container.decode(Int.self) { self = .number(number) } else {
                        self = .text(try container.decode(String.self))
                    }
                }
            }
        }
        let listing = try JSONDecoder().decode(Listing.self, from: Data(read.out.utf8))
        #expect(listing.bad == nil)
        #expect(listing.entries.count == files.count)
        for (entry, expected) in zip(listing.entries, files) {
            guard entry.count == 3, case .text(let name) = entry[0], case .number(let method) = entry[1],
                  case .text(let content) = entry[2] else {
                Issue.record("unexpected listing \(entry)")
                continue
            }
            #expect(name == expected.0)
            #expect(Data(base64Encoded: content) == Data(expected.1), "content of \(name)")
            let shrinks = expected.2 == .deflated && (expected.0.hasSuffix(".pdf") || expected.0.hasSuffix("convoqués.txt"))
            #expect(method == (shrinks ? 8 : 0), "method of \(name)")
        }
    }

    @Test func badNamesAndDuplicatesAreRefused() throws {
        var archive = ZipArchive()
        for name in ["", "/etc/passwd", "../evil.pdf", "a/../b.pdf", "a\\b.pdf", "dossier/", "a//b", "nul\u{0}.pdf",
                     String(repeating: "é", count: 200)] {
            #expect(throws: DocumentsError.self, "\(name)") { try archive.add(name: name, bytes: [1]) }
        }
        try archive.add(name: "a.pdf", bytes: [1, 2, 3])
        #expect(throws: DocumentsError("duplicate zip entry name \"a.pdf\"")) { try archive.add(name: "a.pdf", bytes: []) }
        #expect(archive.count == 1)
    }

    @Test func emptyArchiveIsJustTheEndRecord() {
        let bytes = ZipArchive().bytes()
        #expect(bytes == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
    }

    @Test func crcMatchesTheKnownCheckValue() {
        #expect(Deflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
