import ArdoiseHTTPClient

/// What a node asks of the network: one HTTP exchange. `HTTPClient` (libcurl) is the real one; tests can
/// stand in a fake server. A thrown error means the exchange did not complete (transport failure).
public protocol NodeTransport {
    func exchange(method: String, url: String, headers: [(name: String, value: String)],
                  body: [UInt8]?) throws -> TransportResponse
}

public struct TransportResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// A transport failure in words (connection refused, timeout, cut), and whether it was the server's
/// certificate that was refused (trying again will not help, trusting the right CA will).
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var untrustedCertificate: Bool
    public init(message: String, untrustedCertificate: Bool = false) {
        self.message = message
        self.untrustedCertificate = untrustedCertificate
    }
    public var description: String { message }
}

extension HTTPClient: NodeTransport {
    public func exchange(method: String, url: String, headers: [(name: String, value: String)],
                         body: [UInt8]?) throws -> TransportResponse {
        do {
            let response = try send(method: method, url: url, headers: headers, body: body)
            return TransportResponse(status: response.status, body: response.body)
        } catch let error as HTTPClientError {
            guard error.isCertificateProblem else { throw TransportError(message: error.message) }
            throw TransportError(message: error.description, untrustedCertificate: true)
        }
    }
}

extension NodeTransport where Self == HTTPClient {
    /// The network of the command line: HTTP with libcurl; https certificates are verified against the
    /// CA in `caFile` (PEM) when given, else against the system's CAs.
    public static func http(caFile: String?) -> HTTPClient { HTTPClient(caFile: caFile) }
}
