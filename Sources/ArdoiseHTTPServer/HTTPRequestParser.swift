/// What the parser can say after being fed bytes.
public enum HTTPParseResult: Sendable {
    /// The buffered bytes do not yet hold a complete request.
    case needMore
    /// One complete request; call `next()` again, more may be buffered (pipelining).
    case request(HTTPRequest)
    /// The input is not acceptable; the parser stays failed and the connection must close.
    case failure(HTTPParseError)
}

/// An incremental HTTP/1.x request parser (RFC 9112), pure: no I/O, no clock.
///
/// Feed bytes with `append(_:)`, then call `next()` until it returns `.needMore`.
/// Line endings must be CRLF: a bare LF is rejected with 400, because lenient line
/// splitting is a request-smuggling vector when a proxy splits differently.
/// Up to a few empty lines before a request line are skipped (RFC 9112 §2.2).
public struct HTTPRequestParser: Sendable {
    public let limits: HTTPServerLimits
    /// Bytes taken by completed requests (and skipped empty lines) since the parser was created.
    public private(set) var consumedBytes = 0

    private var buffer: [UInt8] = []
    /// Index in `buffer` of the first byte not yet consumed.
    private var start = 0
    private var state = State.head(HeadScan())
    private var skippedEmptyLines = 0

    private enum State: Sendable {
        case head(HeadScan)
        case body(HTTPRequest, length: Int, continuePending: Bool)
        case failed(HTTPParseError)
    }

    /// How far the scan for the end of the head got, as offsets from `start`, so bytes are examined once.
    private struct HeadScan: Sendable {
        var scanned = 0
        var lineStart = 0
        var requestLineSeen = false
        var headerBytes = 0
        var headerCount = 0
    }

    private static let maxSkippedEmptyLines = 4

    public init(limits: HTTPServerLimits = .init()) {
        self.limits = limits
    }

    /// Bytes received and not yet consumed by a completed request.
    public var bufferedBytes: Int { buffer.count - start }

    /// True when part of a request has arrived (a timeout now deserves a 408).
    public var isMidRequest: Bool {
        switch state {
        case .head: return bufferedBytes > 0
        case .body: return true
        case .failed: return false
        }
    }

    /// True once a head is complete and its body is still arriving.
    public var isReadingBody: Bool {
        if case .body = state { return true }
        return false
    }

    /// The head of the request whose body is still arriving, with its declared length; nil otherwise.
    public var pendingHead: HTTPRequestHead? {
        guard case .body(let request, let length, _) = state else { return nil }
        return HTTPRequestHead(request: request, contentLength: length)
    }

    /// Returns true once per request whose head carried `Expect: 100-continue` and whose body
    /// is still missing: the caller should then send `HTTP/1.1 100 Continue`.
    public mutating func takePendingContinue() -> Bool {
        guard case .body(let request, let length, true) = state else { return false }
        state = .body(request, length: length, continuePending: false)
        return true
    }

    public mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends and returns the first result; call `next()` for further pipelined requests.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> HTTPParseResult {
        append(bytes)
        return next()
    }

    public mutating func next() -> HTTPParseResult {
        switch state {
        case .failed(let error):
            return .failure(error)
        case .body(var request, let length, _):
            guard bufferedBytes >= length else { return .needMore }
            request.body = Array(buffer[start..<(start + length)])
            consume(length)
            finishRequest()
            return .request(request)
        case .head(var scan):
            switch scanHead(&scan) {
            case .needMore:
                state = .head(scan)
                return .needMore
            case .failure(let error):
                return fail(error)
            case .complete(let headLength):
                let head: Head
                switch Self.parseHead(buffer[start..<(start + headLength)], limits: limits) {
                case .success(let parsed): head = parsed
                case .failure(let error): return fail(error)
                }
                consume(headLength)
                if head.contentLength == 0 {
                    finishRequest()
                    return .request(head.request)
                }
                state = .body(head.request, length: head.contentLength, continuePending: head.expectsContinue)
                return next()
            }
        }
    }

    private enum ScanOutcome {
        case needMore
        case complete(headLength: Int)
        case failure(HTTPParseError)
    }

    /// Finds the empty line ending the head, enforcing the line and size limits on the way,
    /// including on a line that is still incomplete (so a client cannot grow it without bound).
    private mutating func scanHead(_ scan: inout HeadScan) -> ScanOutcome {
        while true {
            let from = start + scan.scanned
            guard let lfIndex = buffer[from...].firstIndex(of: 0x0A) else {
                scan.scanned = bufferedBytes
                let partial = bufferedBytes - scan.lineStart
                if !scan.requestLineSeen {
                    // +1: the CR of the not-yet-arrived CRLF may already be there.
                    if partial > limits.maxRequestLineBytes + 1 { return .failure(Self.requestLineTooLong(limits)) }
                } else if scan.headerBytes + partial > limits.maxHeaderBytes + 1 {
                    // +1: the CR of the final empty line may already be there (headers exactly at the limit).
                    return .failure(Self.headersTooLarge(limits))
                }
                return .needMore
            }
            let lf = lfIndex - start
            scan.scanned = lf + 1
            guard lf > scan.lineStart, buffer[lfIndex - 1] == 0x0D else {
                return .failure(.badRequest("bare LF in request head; lines must end with CRLF"))
            }
            let lineLength = lf - 1 - scan.lineStart
            if !scan.requestLineSeen {
                if lineLength == 0 {
                    skippedEmptyLines += 1
                    if skippedEmptyLines > Self.maxSkippedEmptyLines {
                        return .failure(.badRequest("too many empty lines before the request line"))
                    }
                    consume(lf + 1)
                    scan = HeadScan()
                    continue
                }
                if lineLength > limits.maxRequestLineBytes { return .failure(Self.requestLineTooLong(limits)) }
                scan.requestLineSeen = true
            } else if lineLength == 0 {
                return .complete(headLength: lf + 1)
            } else {
                scan.headerCount += 1
                if scan.headerCount > limits.maxHeaderCount {
                    return .failure(HTTPParseError(
                        status: 431, message: "more than \(limits.maxHeaderCount) header fields"))
                }
                scan.headerBytes += lineLength + 2
                if scan.headerBytes > limits.maxHeaderBytes { return .failure(Self.headersTooLarge(limits)) }
            }
            scan.lineStart = lf + 1
        }
    }

    private static func requestLineTooLong(_ limits: HTTPServerLimits) -> HTTPParseError {
        HTTPParseError(status: 414, message: "request line longer than \(limits.maxRequestLineBytes) bytes")
    }

    private static func headersTooLarge(_ limits: HTTPServerLimits) -> HTTPParseError {
        HTTPParseError(status: 431, message: "header section larger than \(limits.maxHeaderBytes) bytes")
    }

    private mutating func fail(_ error: HTTPParseError) -> HTTPParseResult {
        state = .failed(error)
        buffer = []
        start = 0
        return .failure(error)
    }

    private mutating func finishRequest() {
        state = .head(HeadScan())
        skippedEmptyLines = 0
    }

    private mutating func consume(_ count: Int) {
        start += count
        consumedBytes += count
        if start == buffer.count {
            // Keep a small buffer for the next request, but do not pin a body's memory on a
            // connection that may now sit idle for a long time.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 << 10)
            start = 0
        } else if start >= 64 << 10, start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}
