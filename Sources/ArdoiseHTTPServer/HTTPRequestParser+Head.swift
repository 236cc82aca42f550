/// Parsing and validating a complete request head (request line and header fields).
extension HTTPRequestParser {
    struct Head {
        var request: HTTPRequest
        var contentLength: Int
        var expectsContinue: Bool
    }

    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let colon: UInt8 = 0x3A

    /// tchar from RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E:
            return true  // ! # $ % & ' * + - . ^ _ ` | ~
        default:
            return false
        }
    }

    /// `head` holds the request line and header lines, every line ending in CRLF, plus the final CRLF.
    static func parseHead(_ head: ArraySlice<UInt8>, limits: HTTPServerLimits) -> Result<Head, HTTPParseError> {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.dropLast() }  // drop CR
        lines.removeLast(2)  // the empty line and what follows its LF
        guard let requestLine = lines.first else { return .failure(.badRequest("missing request line")) }

        let method: String, target: String, version: String
        switch parseRequestLine(requestLine) {
        case .success(let parts): (method, target, version) = parts
        case .failure(let error): return .failure(error)
        }

        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() {
            switch parseField(line) {
            case .success(let field): headers.append(field)
            case .failure(let error): return .failure(error)
            }
        }

        let request = HTTPRequest(method: method, target: target, headers: headers, version: version)
        let contentLength: Int
        switch framing(request, limits: limits) {
        case .success(let length): contentLength = length
        case .failure(let error): return .failure(error)
        }
        let expectsContinue = version == "HTTP/1.1"
            && request.headerValues("Expect").contains { $0.lowercased() == "100-continue" }
        return .success(Head(request: request, contentLength: contentLength, expectsContinue: expectsContinue))
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(String, String, String), HTTPParseError> {
        let parts = line.split(separator: space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
            return .failure(.badRequest("malformed request line; expected METHOD SP target SP HTTP/1.x"))
        }
        guard parts[0].allSatisfy(isTokenByte) else { return .failure(.badRequest("invalid method")) }
        guard parts[1].allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return .failure(.badRequest("invalid character in request target"))
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        switch version {
        case "HTTP/1.1", "HTTP/1.0":
            break
        default:
            let digit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
            let bytes = Array(parts[2])
            if bytes.count == 8, version.hasPrefix("HTTP/"), digit(bytes[5]), bytes[6] == UInt8(ascii: "."), digit(bytes[7]) {
                return .failure(HTTPParseError(status: 505, message: "HTTP version \(version) not supported"))
            }
            return .failure(.badRequest("malformed HTTP version"))
        }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version))
    }

    private static func parseField(_ line: ArraySlice<UInt8>) -> Result<(name: String, value: String), HTTPParseError> {
        guard let first = line.first, first != space, first != tab else {
            return .failure(.badRequest("obsolete line folding in header section"))
        }
        guard let colonIndex = line.firstIndex(of: colon) else {
            return .failure(.badRequest("header line without colon"))
        }
        let name = line[..<colonIndex]
        guard !name.isEmpty else { return .failure(.badRequest("empty header name")) }
        if let last = name.last, last == space || last == tab {
            return .failure(.badRequest("whitespace between header name and colon"))
        }
        guard name.allSatisfy(isTokenByte) else { return .failure(.badRequest("invalid character in header name")) }
        var value = line[(colonIndex + 1)...]
        while let byte = value.first, byte == space || byte == tab { value = value.dropFirst() }
        while let byte = value.last, byte == space || byte == tab { value = value.dropLast() }
        guard !value.contains(where: { ($0 < 0x20 && $0 != tab) || $0 == 0x7F }) else {
            return .failure(.badRequest("invalid character in header \(String(decoding: name, as: UTF8.self))"))
        }
        return .success((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }

    /// The body length, after the request-smuggling checks of RFC 9112 §6.
    private static func framing(_ request: HTTPRequest, limits: HTTPServerLimits) -> Result<Int, HTTPParseError> {
        let lengths = request.headerValues("Content-Length")
        if !request.headerValues("Transfer-Encoding").isEmpty {
            if !lengths.isEmpty {
                return .failure(.badRequest("both Transfer-Encoding and Content-Length"))
            }
            return .failure(HTTPParseError(status: 501, message: "Transfer-Encoding not supported"))
        }
        if request.version == "HTTP/1.1" {
            let hosts = request.headerValues("Host")
            if hosts.isEmpty { return .failure(.badRequest("missing Host header")) }
            if hosts.count > 1 { return .failure(.badRequest("more than one Host header")) }
        }
        var length: Int?
        for text in lengths {
            guard !text.contains(",") else { return .failure(.badRequest("Content-Length must be one value")) }
            guard let parsed = parseLength(text) else { return .failure(.badRequest("invalid Content-Length")) }
            if let previous = length, previous != parsed {
                return .failure(.badRequest("conflicting Content-Length values"))
            }
            length = parsed
        }
        let bodyLength = length ?? 0
        if bodyLength > limits.maxBodyBytes {
            return .failure(HTTPParseError(
                status: 413, message: "body of \(bodyLength) bytes exceeds the limit of \(limits.maxBodyBytes)"))
        }
        return .success(bodyLength)
    }

    /// 1*DIGIT without overflow; no sign, no spaces.
    static func parseLength(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
