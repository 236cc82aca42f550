import ArdoiseHTTPClient
import ArdoiseProtocol
@testable import ArdoiseNode

/// The real libcurl client, with faults injected per route for the cases a loopback server cannot be
/// made to produce on cue: an answer lost after the server did the work, a 5xx, a refused connection.
final class FaultyTransport: NodeTransport {
    enum Fault { case status(Int), transport, lostResponse }

    private let client = HTTPClient(connectTimeout: 2, totalTimeout: 30)
    /// Faults by route ("/push", "/pull", "/reference", "/enrol"), each used once, in order.
    var faults: [String: [Fault]] = [:]
    private(set) var requests: [String] = []

    func exchange(method: String, url: String, headers: [(name: String, value: String)],
                  body: [UInt8]?) throws -> TransportResponse {
        let route = url.range(of: "/v1").map { String(url[$0.upperBound...].prefix { $0 != "?" }) } ?? url
        requests.append("\(method) \(route)")
        var lost = false
        if var queue = faults[route], !queue.isEmpty {
            let fault = queue.removeFirst()
            faults[route] = queue
            switch fault {
            case .status(let status):
                return TransportResponse(status: status, body: try JSONCoding.encode(ErrorBody(error: "injected failure")))
            case .transport:
                throw TransportError(message: "Connection refused")
            case .lostResponse:
                lost = true
            }
        }
        let response = try client.exchange(method: method, url: url, headers: headers, body: body)
        if lost { throw TransportError(message: "Connection reset by peer") }
        return response
    }
}
