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

/// A transport failure in words (connection refused, timeout, cut).
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension HTTPClient: NodeTransport {
    public func exchange(method: String, url: String, headers: [(name: String, value: String)],
                         body: [UInt8]?) throws -> TransportResponse {
        do {
            let response = try send(method: method, url: url, headers: headers, body: body)
            return TransportResponse(status: response.status, body: response.body)
        } catch let error as HTTPClientError {
            throw TransportError(message: error.message)
        }
    }
}
