import ArdoiseHTTPServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The client's address for rate limits, logs and the audit. Behind nginx every TCP peer is the proxy,
/// so the proxy's `X-Real-IP` / `X-Forwarded-For` say who the client is; but anyone can send those
/// headers, so they are read only when the TCP peer is one of the proxies this server was told to trust
/// (`serve --trust-proxy`), and ignored otherwise.
public struct ClientAddress: Sendable, Equatable {
    /// IP addresses, in the form `inet_ntop` writes them, of the proxies whose headers are believed.
    public let trustedProxies: Set<String>

    /// No proxy trusted: the TCP peer is the client.
    public init() { trustedProxies = [] }

    /// Throws `ServerError.badRequest` naming the first entry that is not an IPv4 or IPv6 address.
    public init(trustedProxies: [String]) throws {
        var addresses = Set<String>()
        for entry in trustedProxies {
            guard let address = Self.canonical(entry) else {
                throw ServerError.badRequest("'\(entry)' is not an IP address (a proxy to trust is given by address)")
            }
            addresses.insert(address)
        }
        self.trustedProxies = addresses
    }

    /// The client of `request`: the TCP peer, unless that peer is a trusted proxy, in which case the
    /// address the proxy wrote (`X-Real-IP`, else the right-most `X-Forwarded-For` entry that is not
    /// itself a trusted proxy). A header that is missing or not an address leaves the peer's address.
    public func of(_ request: HTTPRequest) -> String {
        let peer = Self.peerAddress(request.peer)
        guard !trustedProxies.isEmpty, trustedProxies.contains(Self.canonical(peer) ?? peer) else { return peer }
        if let real = request.header("X-Real-IP"), let address = Self.canonical(real) { return address }
        // Repeated header lines are one comma-separated list (RFC 9110 §5.3); proxies append on the right,
        // so only the right end was written by someone this server trusts.
        let forwarded = request.headers.filter { $0.name.lowercased() == "x-forwarded-for" }.map(\.value)
        let hops = forwarded.joined(separator: ",").split(separator: ",").reversed()
        for hop in hops {
            guard let address = Self.canonical(String(hop)) else { return peer }
            if !trustedProxies.contains(address) { return address }
        }
        return peer
    }

    /// The peer's IP address without its port ("127.0.0.1:53122" → "127.0.0.1"); "local" for a request
    /// built in-process.
    static func peerAddress(_ peer: String) -> String {
        guard let colon = peer.lastIndex(of: ":") else { return peer.isEmpty ? "local" : peer }
        return String(peer[..<colon])
    }

    /// The address as `inet_ntop` writes it (so `::0001` and `::1` are one), or nil when `text` is not an
    /// IPv4 or IPv6 address: a header can carry anything, and only an address may key the limits.
    static func canonical(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        for family in [AF_INET, AF_INET6] where inet_pton(family, trimmed, &bytes) == 1 {
            guard inet_ntop(family, bytes, &out, socklen_t(out.count)) != nil else { return nil }
            return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
