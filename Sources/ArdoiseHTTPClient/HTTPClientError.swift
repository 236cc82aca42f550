/// A request that got no HTTP response: libcurl's result code and error text, and the URL.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// The CURLcode (e.g. 7 could not connect, 28 timed out, 23 response too large).
    public var code: Int
    /// libcurl's error buffer text, or our own reason for errors raised before libcurl ran.
    public var message: String
    public var url: String
    /// The operating system's reason (strerror of the last errno libcurl saw), when there is one.
    public var systemError: String?
    /// The CA file the client trusted (nil: the system's CAs), to say which one refused a certificate.
    public var caFile: String?
    /// For SMTP, the server's reply code that ended the transfer (550 no such mailbox, 421 busy).
    public var serverReply: Int?

    public init(code: Int, message: String, url: String, systemError: String? = nil, caFile: String? = nil,
                serverReply: Int? = nil) {
        self.code = code
        self.message = message
        self.url = url
        self.systemError = systemError
        self.caFile = caFile
        self.serverReply = serverReply
    }

    /// Whether the server's certificate was refused or the CA file could not be used: retrying cannot
    /// help, trusting the right CA can. 60 peer or host name not verified, 77 CA file unusable, 83 issuer,
    /// 90 pinned key, 91 certificate status.
    public var isCertificateProblem: Bool {
        [60, 77, 83, 90, 91].contains(code)
    }

    /// Whether the same request may succeed later (the server was unreachable or the link broke).
    public var isRetryable: Bool {
        // An SMTP server's 4xx is "try later", its 5xx final, whatever curl made of the transfer.
        if let serverReply { return (400..<500).contains(serverReply) }
        switch code {
        case 6, 7, 28, 52, 55, 56: return true  // resolve, connect, timeout, empty reply, send, receive
        default: return false
        }
    }

    /// e.g. "could not connect to http://127.0.0.1:1234/v1/push: Connection refused (Failed to connect
    /// to 127.0.0.1 port 1234 after 0 ms: Couldn't connect to server)"
    public var description: String {
        if code == 77 { return "cannot use the CA file \(caFile ?? "of the system") (\(message))" }
        if isCertificateProblem {
            let trusted = caFile.map { "the CA in \($0)" } ?? "the system's CAs"
            return "the server's certificate is not trusted (\(message); trusting \(trusted))"
        }
        let what: String
        switch code {
        case _ where serverReply != nil: what = "refused by"
        case 6: what = "could not resolve the host of"
        case 7: what = "could not connect to"
        case 28: what = "timed out waiting for"
        case 23, 63: what = "response too large from"
        case 52, 55, 56: what = "connection lost with"
        case 1, 3: what = "unsupported or malformed URL"
        default: what = "request failed for"
        }
        guard let systemError else { return "\(what) \(url): \(message)" }
        return "\(what) \(url): \(systemError) (\(message))"
    }
}
