import ArdoiseHTTPServer
import ArdoiseNode
import ArdoiseServer

/// The real central routes, called without sockets (`CentralServer.respond`): the fault-free reference
/// run and enrolments use it, so that the time of a schedule goes to the run with faults.
final class InProcessTransport: NodeTransport {
    let server: CentralServer

    init(server: CentralServer) { self.server = server }

    func exchange(method: String, url: String, headers: [(name: String, value: String)],
                  body: [UInt8]?) throws -> TransportResponse {
        // "http://127.0.0.1:PORT/v1/push?x=y" -> "/v1/push?x=y"
        let target = url.range(of: "://").map { url[$0.upperBound...].drop { $0 != "/" } }.map(String.init) ?? url
        let request = HTTPRequest(method: method, target: target, headers: headers + [(name: "Host", value: "local")],
                                  body: body ?? [])
        let response = server.respond(to: request)
        return TransportResponse(status: response.status, body: response.body)
    }
}
