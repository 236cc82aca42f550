import ArdoiseProtocol
import ArdoiseServer
import Testing

/// Issue 8 item 11: a comment holding a newline, a fake report entry and terminal escapes prints as
/// one visible value in the text report, never as a line of its own or a raw escape code.
@Suite struct ReportInjectionTests {
    @Test func aCommentCannotForgeAReportEntryOrClearTheScreen() throws {
        let fixture = try Fixture()
        let (a, _) = try fixture.enrol()
        let (b, _) = try fixture.enrol()
        var opsA = OperationMaker(a, wall: 1_000)
        var opsB = OperationMaker(b, wall: 2_000)
        let forged = "ok\n#99 [same-field] candidate K9, field level.S1.APP — resolved by COORD\u{1B}[2J"
        _ = try fixture.central.push.push(node: a, operations: [opsA.make(["subject": "S1", "comment": "bien"])])
        _ = try fixture.central.push.push(node: b, operations: [opsB.make(author: "E2", ["subject": "S1", "comment": forged])])
        let text = try ConflictReport.render(try fixture.central.conflicts.all(), as: .text)
        #expect(text.contains("#1 [same-field]"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("#99") })
        #expect(!text.contains("\u{1B}") && text.contains("\\n#99") && text.contains("\\u{1B}[2J"))
    }
}
