// Fuzz target `http`: HTTPRequestParser (Sources/ArdoiseHTTPServer) over arbitrary bytes.
// Compiled into the ArdoiseHTTPServer module by scripts/fuzz. The input is the byte stream a client
// sends. It is parsed twice, all at once and in chunks whose sizes derive from the input, with either the
// default limits or small ones (so the 414/431/413 paths are reachable with short inputs). Traps when:
// - the two parses differ (requests, or refused vs waiting): framing must not depend on how TCP splits
//   bytes (only a size limit hit on a line still arriving may pre-empt another refusal's status);
// - a request breaks what the parser promises: body count = Content-Length (0 without), no
//   Transfer-Encoding, HTTP/1.0 or 1.1, exactly one Host in 1.1, token method and header names, target
//   and header values without control bytes, body within the limit;
// - consumedBytes + bufferedBytes differs from the bytes fed, or consumedBytes goes backwards;
// - a failure has a status outside 400/413/414/431/501/505, or the parser does not stay failed;
// - a request, written back in canonical form, does not parse to the same request.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    var random = FuzzRandom(seed: input)
    let limits = random.oneIn(2) ? HTTPServerLimits() : FuzzHTTP.smallLimits

    let whole = FuzzHTTP.run(input, chunks: [input.count], limits: limits, random: &random)
    let split = FuzzHTTP.run(input, chunks: FuzzHTTP.chunkSizes(input.count, &random), limits: limits, random: &random)
    require(whole.requests == split.requests, "requests differ when the input arrives in chunks")
    require(FuzzHTTP.sameEnd(whole.end, split.end), "outcome differs when the input arrives in chunks: \(whole.end) vs \(split.end)")

    for request in whole.requests {
        FuzzHTTP.checkRoundTrip(request, limits: limits)
    }
    return 0
}

enum FuzzHTTP {
    static let smallLimits: HTTPServerLimits = {
        var limits = HTTPServerLimits()
        limits.maxRequestLineBytes = 48
        limits.maxHeaderBytes = 160
        limits.maxHeaderCount = 6
        limits.maxBodyBytes = 256
        return limits
    }()

    static let statuses: Set<Int> = [400, 413, 414, 431, 501, 505]

    /// What a request looks like, comparable.
    struct Parsed: Equatable {
        var method: String
        var target: String
        var version: String
        var headers: [[String]]
        var body: [UInt8]
        var keepAlive: Bool

        init(_ request: HTTPRequest) {
            method = request.method
            target = request.target
            version = request.version
            headers = request.headers.map { [$0.name, $0.value] }
            body = request.body
            keepAlive = request.keepAlive
        }
    }

    enum End: Equatable {
        case needMore(buffered: Int)
        case failure(HTTPParseError)
    }

    struct Run {
        var requests: [Parsed] = []
        var end = End.needMore(buffered: 0)
    }

    /// Splits `count` bytes into chunks: single bytes, small pieces, or larger ones.
    /// Whether a request is refused must not depend on chunking; which status it gets may, in one way:
    /// a size limit (414, 431) fires on a line still arriving, before its end shows another problem
    /// (found by this target: a long header line ending in a bare LF is 400 whole, 431 in pieces).
    static func sameEnd(_ whole: End, _ split: End) -> Bool {
        if whole == split { return true }
        guard case .failure = whole, case .failure(let error) = split else { return false }
        return error.status == 414 || error.status == 431
    }

    static func chunkSizes(_ count: Int, _ random: inout FuzzRandom) -> [Int] {
        let largest = random.pick([1, 3, 17, 200, 1500])
        var sizes: [Int] = []
        var left = count
        while left > 0 {
            let size = min(left, 1 + random.below(largest))
            sizes.append(size)
            left -= size
        }
        return sizes
    }

    static func run(_ input: [UInt8], chunks: [Int], limits: HTTPServerLimits, random: inout FuzzRandom) -> Run {
        var parser = HTTPRequestParser(limits: limits)
        var run = Run()
        var fed = 0
        var lastConsumed = 0
        feeding: for size in chunks {
            parser.append(input[fed..<(fed + size)])
            fed += size
            while true {
                let result = parser.next()
                require(parser.consumedBytes >= lastConsumed, "consumedBytes went backwards")
                require(parser.consumedBytes <= fed, "consumedBytes \(parser.consumedBytes) > \(fed) bytes fed")
                lastConsumed = parser.consumedBytes
                switch result {
                case .request(let request):
                    require(parser.consumedBytes + parser.bufferedBytes == fed, "bytes lost after a request")
                    check(request, limits: limits)
                    run.requests.append(Parsed(request))
                case .needMore:
                    require(parser.consumedBytes + parser.bufferedBytes == fed, "bytes lost while waiting for more")
                    if !parser.isReadingBody && parser.bufferedBytes == 0 {
                        require(!parser.isMidRequest, "mid-request with nothing buffered")
                    }
                    if parser.isReadingBody {
                        require(parser.isMidRequest, "reading a body but not mid-request")
                        if random.oneIn(2) {
                            _ = parser.takePendingContinue()
                            require(!parser.takePendingContinue(), "100-continue owed twice")
                        }
                    }
                    run.end = .needMore(buffered: parser.bufferedBytes)
                    continue feeding
                case .failure(let error):
                    require(statuses.contains(error.status), "unexpected status \(error.status)")
                    require(!error.message.isEmpty && !error.message.contains("\n"), "message not one line")
                    require(!parser.isMidRequest && !parser.isReadingBody, "failed parser still mid-request")
                    parser.append([0x0D, 0x0A, 0x0D, 0x0A])
                    guard case .failure(let again) = parser.next(), again == error else {
                        fuzzFailure("parser did not stay failed")
                    }
                    run.end = .failure(error)
                    break feeding
                }
            }
        }
        return run
    }

    /// What every accepted request must satisfy (RFC 9112 framing as the README promises it).
    static func check(_ request: HTTPRequest, limits: HTTPServerLimits) {
        require(request.version == "HTTP/1.1" || request.version == "HTTP/1.0", "version \(request.version)")
        require(!request.method.isEmpty && request.method.utf8.allSatisfy(HTTPRequestParser.isTokenByte), "bad method")
        require(!request.target.isEmpty && request.target.utf8.allSatisfy { (0x21...0x7E).contains($0) }, "bad target")
        require(request.headerValues("Transfer-Encoding").isEmpty, "Transfer-Encoding accepted")
        if request.version == "HTTP/1.1" {
            require(request.headerValues("Host").count == 1, "HTTP/1.1 request without exactly one Host")
        }
        for (name, value) in request.headers {
            require(!name.isEmpty && name.utf8.allSatisfy(HTTPRequestParser.isTokenByte), "bad header name")
            require(!value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }, "control byte in header value")
            require(value.utf8.first != 0x20 && value.utf8.first != 0x09, "leading whitespace kept in header value")
            require(value.utf8.last != 0x20 && value.utf8.last != 0x09, "trailing whitespace kept in header value")
        }
        let lengths = request.headerValues("Content-Length")
        if let first = lengths.first {
            require(lengths.allSatisfy { $0 == first || HTTPRequestParser.parseLength($0) == HTTPRequestParser.parseLength(first) },
                    "conflicting Content-Length accepted")
            guard let declared = HTTPRequestParser.parseLength(first) else { fuzzFailure("invalid Content-Length accepted") }
            require(request.body.count == declared, "body of \(request.body.count) bytes, Content-Length \(declared)")
        } else {
            require(request.body.isEmpty, "body without Content-Length")
        }
        require(request.body.count <= limits.maxBodyBytes, "body beyond the limit")
        _ = request.path
        _ = request.query
    }

    /// Writes the request back (single spaces, `name:value`, never longer than what arrived) and parses it again.
    static func checkRoundTrip(_ request: Parsed, limits: HTTPServerLimits) {
        var bytes = Array("\(request.method) \(request.target) \(request.version)\r\n".utf8)
        for header in request.headers { bytes += Array("\(header[0]):\(header[1])\r\n".utf8) }
        bytes += [0x0D, 0x0A] + request.body
        // Bytes that are not UTF-8 come back as U+FFFD (3 bytes) in header values: allow for the growth.
        var roomy = limits
        roomy.maxHeaderBytes *= 3
        var parser = HTTPRequestParser(limits: roomy)
        parser.append(bytes)
        guard case .request(let again) = parser.next() else { fuzzFailure("request written back does not parse") }
        require(Parsed(again) == request, "request written back parses differently")
        guard case .needMore = parser.next(), parser.bufferedBytes == 0, parser.consumedBytes == bytes.count else {
            fuzzFailure("request written back leaves bytes behind")
        }
    }
}
