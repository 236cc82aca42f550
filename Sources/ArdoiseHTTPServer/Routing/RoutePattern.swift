/// A route's path: literal segments and `:name` parameter segments, e.g. `/v1/admin/lots/:id`.
/// Trailing slashes in a pattern are insignificant; in a request path they are not ("/a/" is not "/a").
public struct RoutePattern: Sendable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public let segments: [Segment]

    /// Parses a pattern; a malformed one is a programming error, caught at start-up.
    public init(_ text: String) {
        precondition(text.hasPrefix("/"), "route pattern '\(text)' must start with '/'")
        self.init(segments: Self.split(text).map { raw in
            precondition(!raw.isEmpty, "route pattern '\(text)' has an empty segment")
            guard raw.hasPrefix(":") else { return .literal(String(raw)) }
            let name = String(raw.dropFirst())
            precondition(!name.isEmpty, "route pattern '\(text)' has a parameter without a name")
            return .parameter(name)
        })
    }

    init(segments: [Segment]) {
        var names = Set<String>()
        for case .parameter(let name) in segments {
            precondition(names.insert(name).inserted, "parameter ':\(name)' appears twice in one route pattern")
        }
        self.segments = segments
    }

    /// `prefix` followed by `self`: how a group's prefix applies to the routes inside it.
    func appending(_ other: RoutePattern) -> RoutePattern {
        RoutePattern(segments: segments + other.segments)
    }

    public var description: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): return text
            case .parameter(let name): return ":" + name
            }
        }.joined(separator: "/")
    }

    /// The pattern with parameter names erased: two routes with the same shape and method are ambiguous.
    var shape: String {
        segments.map { segment in
            switch segment {
            case .literal(let text): return "/" + text
            case .parameter: return "/:"
            }
        }.joined()
    }

    /// The decoded parameters if `path` (raw, as in `HTTPRequest.path`) matches, else nil.
    /// Literals are compared with the raw segment, not a decoded one, so that middleware reading
    /// `request.path` (a rate limit on "/v1/enrol", say) sees exactly the path that was routed:
    /// "/v1/%65nrol" does not reach the enrol route.
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, raw) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let text):
                guard raw == text else { return nil }
            case .parameter(let name):
                // An empty or non-UTF-8 parameter cannot name anything: no match, hence 404.
                guard !raw.isEmpty, let value = Self.percentDecode(raw) else { return nil }
                parameters[name] = value
            }
        }
        return parameters
    }

    /// Whether `self` should win over `other` when both match a path: at the first position where
    /// one has a literal and the other a parameter, the literal wins ("/lots/new" over "/lots/:id").
    func isMoreSpecific(than other: RoutePattern) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            switch (mine, theirs) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }

    /// A path's segments without the leading "/"; "/" has none.
    static func split(_ path: some StringProtocol) -> [Substring] {
        let body = Substring(path).dropFirst()
        if body.isEmpty { return [] }
        var parts = body.split(separator: "/", omittingEmptySubsequences: false)
        // Patterns may end with "/" ("/v1/enrol/" inside a group); paths are split by `pathSegments`.
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    /// A request path's segments, keeping a trailing empty one so "/a/" does not match "/a".
    static func pathSegments(_ path: String) -> [Substring] {
        guard path.hasPrefix("/") else { return [""] }
        if path == "/" { return [] }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    /// %XX decoding for a path segment: unlike a query, "+" stays "+". Malformed escapes are kept
    /// literally (as `HTTPRequest` does for queries); bytes that are not UTF-8 give nil.
    static func percentDecode(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        return String(validating: PercentDecoding.bytes(text, plusIsSpace: false), as: UTF8.self)
    }
}
