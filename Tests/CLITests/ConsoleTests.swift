@testable import ArdoiseCLI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The standard console writes whole lines straight to a descriptor, with nothing left in a buffer.
@Suite struct ConsoleTests {
    @Test func standardConsoleWritesTheLineAndANewlineAtOnce() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let line = "ready on 127.0.0.1:8750 — école"
        StandardConsole.write(line, to: ends[1])
        close(ends[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        #expect(String(decoding: bytes, as: UTF8.self) == line + "\n")
    }

    @Test func capturedConsoleKeepsBothStreamsApart() {
        let console = CapturedConsole()
        console.out("a")
        console.err("b")
        console.out("c")
        #expect(console.outLines == ["a", "c"] && console.errLines == ["b"])
        #expect(console.output == "a\nc\n" && console.errors == "b\n")
    }
}
