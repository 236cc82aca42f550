import ArdoiseNodeWeb
import ArdoiseSupport
import Foundation
import Synchronization
import TestSupport
@testable import ArdoiseNode

/// The examiner's page on 127.0.0.1 over a node folder of its own (`NodeFixture.reference`), and a
/// client that speaks HTTP/1.1 to it over a real socket as a browser would: it keeps the cookies and
/// sends the page's Origin on POST unless told otherwise. The page's clock is the test's.
final class PageBrowser {
    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    final class Clock: Sendable {
        private let now = Mutex(1_800_000_000.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var wall: WallClock { WallClock { [self] in now.withLock { $0 } } }
    }

    let folder = NSTemporaryDirectory() + "ardoise-page-test-" + UUID().uuidString
    let clock = Clock()
    let page: ExaminerPage
    var cookies: [String: String] = [:]
    var host: String { String(page.url.dropFirst("http://".count)) }

    init(idle: Double = 600, lifetime: Double = 3600) throws {
        let node = try Node.open(folder: folder, create: true)
        try node.enrolment.install(reference: NodeFixture.reference, node: "N1", centre: "C1", token: "secret",
                                   server: "http://127.0.0.1:1")
        var settings = ExaminerPage.Settings()
        settings.idleSeconds = idle
        settings.lifetimeSeconds = lifetime
        page = try ExaminerPage(node: node, port: 0, settings: settings, wall: clock.wall)
        page.start()
    }

    deinit {
        page.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func get(_ path: String) throws -> Answer { try send("GET", path) }

    /// A form post; `csrf` nil sends the page's own token of the last form seen.
    func post(_ path: String, _ fields: [(String, String)], origin: String? = "", extra: [(String, String)] = []) throws -> Answer {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = [("Content-Type", "application/x-www-form-urlencoded")] + extra
        if let origin { headers.append(("Origin", origin.isEmpty ? "http://" + host : origin)) }
        return try send("POST", path, headers: headers, body: body)
    }

    func signIn(_ examiner: String, _ secret: String) throws -> Answer {
        let form = try get("/connexion")
        return try post("/connexion", [("csrf", try Self.token(in: form.body)), ("examiner", examiner), ("secret", secret)])
    }

    /// The session's anti-CSRF token, as every form of a signed-in page carries it.
    func csrf() throws -> String { try Self.token(in: try get("/").body) }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "",
              hostHeader: String? = nil) throws -> Answer {
        let socket = try RawSocket(port: UInt16(page.url.split(separator: ":").last.flatMap { Int($0) } ?? 0))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader ?? host)\r\nConnection: close\r\n"
        if !cookies.isEmpty { head += "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        socket.send(head)
        let raw = String(decoding: socket.readUntilClosed(timeout: 10).bytes, as: UTF8.self)
        guard let split = raw.range(of: "\r\n\r\n") else { throw TestFailure(description: "no answer to \(method) \(path)") }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let fields: [(name: String, value: String)] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        for (name, value) in fields where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if value.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return Answer(status: status, headers: fields, body: String(raw[split.upperBound...]))
    }

    static func token(in html: String) throws -> String {
        guard let range = html.range(of: "name=\"csrf\" value=\""),
              let end = html[range.upperBound...].firstIndex(of: "\"") else { throw TestFailure(description: "no form token in the page") }
        return String(html[range.upperBound..<end])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
