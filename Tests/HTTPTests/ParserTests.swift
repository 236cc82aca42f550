import Testing

@testable import ArdoiseHTTPServer

/// Parser behaviour from string fixtures; "\r\n" is written out so line endings are explicit.
@Suite("HTTPRequestParser")
struct ParserTests {
    /// Feeds the whole fixture and collects results until the parser needs more or fails.
    static func parse(_ text: String, limits: HTTPServerLimits = .init()) -> [HTTPParseResult] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(text.utf8))
        var results: [HTTPParseResult] = []
        while true {
            let result = parser.next()
            results.append(result)
            if case .request = result { continue }
            return results
        }
    }

    static func request(_ text: String, limits: HTTPServerLimits = .init()) -> HTTPRequest? {
        if case .request(let request) = parse(text, limits: limits).first { return request }
        return nil
    }

    static func error(_ text: String, limits: HTTPServerLimits = .init()) -> HTTPParseError? {
        if case .failure(let error) = parse(text, limits: limits).last { return error }
        return nil
    }

    @Test func goodGet() throws {
        let request = try #require(Self.request(
            "GET /v1/pull?cursor=3&name=a%20b+c&flag HTTP/1.1\r\nHost: example\r\nAccept:  text/plain \r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.target == "/v1/pull?cursor=3&name=a%20b+c&flag")
        #expect(request.path == "/v1/pull")
        #expect(request.query == ["cursor": "3", "name": "a b c", "flag": ""])
        #expect(request.header("accept") == "text/plain")
        #expect(request.header("HOST") == "example")
        #expect(request.version == "HTTP/1.1")
        #expect(request.keepAlive)
        #expect(request.body.isEmpty)
    }

    @Test func postWithBody() throws {
        let request = try #require(Self.request(
            "POST /v1/push HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"))
        #expect(request.method == "POST")
        #expect(request.body == Array("hello world".utf8))
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let two = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: h\r\n\r\n"
        let results = Self.parse(two)
        #expect(results.count == 3)
        guard results.count == 3, case .request(let first) = results[0], case .request(let second) = results[1],
            case .needMore = results[2]
        else {
            Issue.record("unexpected results \(results)")
            return
        }
        #expect(first.path == "/a" && first.body == Array("abc".utf8))
        #expect(second.path == "/b" && second.method == "GET")
    }

    @Test func keepAliveAndClose() throws {
        #expect(try #require(Self.request("GET / HTTP/1.1\r\nHost: h\r\n\r\n")).keepAlive)
        #expect(try !#require(Self.request("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")).keepAlive)
        #expect(try !#require(Self.request("GET / HTTP/1.0\r\n\r\n")).keepAlive)
        #expect(try #require(Self.request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).keepAlive)
    }

    @Test func byteByByteFeedingAndConsumedCount() throws {
        let text = "\r\nPUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nokGET"
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        for byte in text.utf8 {
            parser.append([byte])
            while case .request(let request) = parser.next() { requests.append(request) }
        }
        #expect(requests.count == 1)
        #expect(requests.first?.body == Array("ok".utf8))
        #expect(parser.consumedBytes == text.utf8.count - 3)
        #expect(parser.bufferedBytes == 3)
        #expect(parser.isMidRequest)
    }

    @Test func incompleteInputNeedsMore() {
        for partial in ["", "GET", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: h\r\n",
                        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabc"] {
            guard case .needMore = Self.parse(partial).first else {
                Issue.record("expected needMore for \(partial.debugDescription)")
                continue
            }
        }
    }

    @Test func expectContinueIsReportedOnce() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .needMore = parser.next() else {
            Issue.record("expected needMore")
            return
        }
        #expect(parser.isReadingBody)
        let first = parser.takePendingContinue()
        let second = parser.takePendingContinue()
        #expect(first && !second)
    }

    @Test func requestLineLimit() {
        var limits = HTTPServerLimits()
        limits.maxRequestLineBytes = 32
        let long = "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(Self.error(long, limits: limits)?.status == 414)
        // Also while the line is still arriving, before its CRLF.
        #expect(Self.error("GET /" + String(repeating: "a", count: 40), limits: limits)?.status == 414)
        #expect(Self.request("GET /" + String(repeating: "a", count: 18) + " HTTP/1.1\r\nHost: h\r\n\r\n",
                             limits: limits) != nil)
    }

    @Test func headerBytesLimit() {
        var limits = HTTPServerLimits()
        limits.maxHeaderBytes = 64
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "b", count: 80) + "\r\n\r\n"
        #expect(Self.error(big, limits: limits)?.status == 431)
        #expect(Self.error("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 80), limits: limits)?.status == 431)
    }

    @Test func headerCountLimit() {
        var limits = HTTPServerLimits()
        limits.maxHeaderCount = 3
        let head = "GET / HTTP/1.1\r\nHost: h\r\n" + (1...3).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(Self.error(head, limits: limits)?.status == 431)
        #expect(Self.request("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits) != nil)
    }

    @Test func bodyLimitIsCheckedBeforeTheBody() {
        var limits = HTTPServerLimits()
        limits.maxBodyBytes = 10
        // No body bytes at all: the head alone is enough to refuse.
        #expect(Self.error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: limits)?.status == 413)
        #expect(Self.request("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits) != nil)
    }

    @Test func transferEncodingIsRefused() {
        #expect(Self.error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
            == HTTPParseError(status: 501, message: "Transfer-Encoding not supported"))
        #expect(Self.error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")?
            .status == 400)
    }

    @Test func contentLengthValidation() {
        let head = { (values: [String]) in
            "POST / HTTP/1.1\r\nHost: h\r\n" + values.map { "Content-Length: \($0)\r\n" }.joined() + "\r\n"
        }
        for bad in [["12a"], ["-1"], ["+5"], [""], ["1 2"], ["99999999999999999999999999"], ["3, 3"], ["3", "4"]] {
            #expect(Self.error(head(bad))?.status == 400, "Content-Length \(bad)")
        }
        // Identical duplicates are allowed (RFC 9112 §6.3).
        #expect(Self.request(head(["3", "3"]) + "abc")?.body == Array("abc".utf8))
        #expect(HTTPRequestParser.parseLength("9223372036854775807") == Int.max)
        #expect(HTTPRequestParser.parseLength("9223372036854775808") == nil)
    }

    @Test func hostRules() {
        #expect(Self.error("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")?.message == "missing Host header")
        #expect(Self.error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.status == 400)
        #expect(Self.request("GET / HTTP/1.0\r\n\r\n") != nil)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\nBad Name: v\r\n\r\n",  // space in name
        "GET / HTTP/1.1\r\nHost : h\r\n\r\n",  // whitespace before colon
        "GET / HTTP/1.1\r\nHo(st: h\r\n\r\n",  // separator in name
        "GET / HTTP/1.1\r\n: v\r\n\r\n",  // empty name
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  folded\r\n\r\n",  // obs-fold
        "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{01}b\r\n\r\n",  // control character in value
        "GET / HTTP/1.1\nHost: h\n\n",  // bare LF
        "GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n",  // bare LF mid-head
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",  // two spaces
        "GET /\u{7F} HTTP/1.1\r\nHost: h\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / FTP/1.1\r\nHost: h\r\n\r\n",
        "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",  // too many leading empty lines
    ])
    func malformedHeadsAre400(_ text: String) {
        #expect(Self.error(text)?.status == 400, "\(text.debugDescription)")
    }

    @Test func otherVersionsAre505() {
        #expect(Self.error("GET / HTTP/2.0\r\nHost: h\r\n\r\n")?.status == 505)
    }

    @Test func failedParserStaysFailed() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\n".utf8))
        guard case .failure = parser.next() else {
            Issue.record("expected failure")
            return
        }
        parser.append(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        guard case .failure = parser.next() else {
            Issue.record("expected failure again")
            return
        }
    }

    @Test func absoluteFormTarget() throws {
        let request = try #require(Self.request("GET http://h:8080/v1/x?a=1 HTTP/1.1\r\nHost: h\r\n\r\n"))
        #expect(request.path == "/v1/x")
        #expect(request.query == ["a": "1"])
    }
}
