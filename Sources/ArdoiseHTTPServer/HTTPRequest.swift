/// One parsed HTTP/1.x request, body fully received.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The raw request target, e.g. "/v1/pull?cursor=3".
    public var target: String
    /// The target's path, without the query; not percent-decoded.
    public var path: String
    /// Percent-decoded query parameters ("+" is a space); the first of repeated names wins.
    public var query: [String: String]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// "HTTP/1.1" or "HTTP/1.0".
    public var version: String
    /// Whether the connection may serve another request after this one.
    public var keepAlive: Bool
    /// The client's address ("127.0.0.1:53122"), set by the connection; empty when built by hand.
    public var peer: String = ""
    /// Set by the server once its admission hook accepted this request's head: what the hook
    /// counted (a rate limit) need not be counted again when the whole request is handled.
    public var admitted = false

    /// Builds a request as the parser would; handy for testing handlers without a socket.
    public init(
        method: String, target: String, headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], version: String = "HTTP/1.1"
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.version = version
        let (path, rawQuery) = Self.split(target: target)
        self.path = path
        self.query = Self.decodeQuery(rawQuery)
        self.keepAlive = Self.keepAlive(version: version, headers: headers)
    }

    /// The first value of the named header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// All values of the named header, in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    static func keepAlive(version: String, headers: [(name: String, value: String)]) -> Bool {
        var close = false
        var keepAlive = false
        for field in headers where field.name.lowercased() == "connection" {
            for option in field.value.split(separator: ",") {
                switch option.trimmingSpaces().lowercased() {
                case "close": close = true
                case "keep-alive": keepAlive = true
                default: break
                }
            }
        }
        if close { return false }
        // HTTP/1.0 closes unless the client asked to keep the connection.
        return version == "HTTP/1.1" || keepAlive
    }

    /// Splits origin-form ("/a?b") or absolute-form ("http://h/a?b") into path and raw query.
    static func split(target: String) -> (path: String, query: Substring) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let scheme = rest.range(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            rest = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? ""
        }
        guard let mark = rest.firstIndex(of: "?") else {
            return (rest.isEmpty ? "/" : String(rest), "")
        }
        let path = rest[..<mark]
        return (path.isEmpty ? "/" : String(path), rest[rest.index(after: mark)...])
    }

    static func decodeQuery(_ raw: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(parts[0])
            let value = parts.count > 1 ? percentDecode(parts[1]) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// Decodes %XX and "+"; malformed escapes are kept literally rather than rejected.
    static func percentDecode(_ text: Substring) -> String {
        String(decoding: PercentDecoding.bytes(text, plusIsSpace: true), as: UTF8.self)
    }
}

extension StringProtocol {
    /// Trims spaces and tabs (HTTP's OWS) from both ends.
    func trimmingSpaces() -> Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return Substring(slice)
    }
}
