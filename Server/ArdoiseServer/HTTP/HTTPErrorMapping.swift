import ArdoiseHTTPServer
import ArdoiseProtocol
import ArdoiseSQLite
import Foundation

/// The one place that turns an error into an HTTP response: `{"error": "one line"}` with the status
/// the error carries. Unknown errors are 500 with a generic body and the details in the log only.
struct HTTPErrorMapping: Sendable {
    let log: @Sendable (String) -> Void

    func response(for error: Error, to request: HTTPRequest) -> HTTPResponse {
        switch error {
        case let error as ServerError:
            let body = (try? JSONCoding.encode(ErrorBody(error: error.message, code: error.code, expected: error.expected)))
                ?? Array("{}".utf8)
            return .json(error.status, body)
        case let error as RoutingError:
            if error.kind == .notFound, request.path.hasPrefix("/v"), !request.path.hasPrefix(WireVersion.prefix + "/") {
                return Self.body(404, "unsupported protocol version in \(request.path); this server speaks \(WireVersion.prefix)")
            }
            var response = Self.body(error.status, error.message)
            response.headers += error.headers
            return response
        case let error as DecodingError:
            return Self.body(400, "invalid body: \(JSONCoding.describe(error))")
        case let error as DatabaseError where error.isDiskProblem:
            log("storage error on \(request.path): \(error)")
            return Self.body(503, "server storage unavailable; try again later")
        default:
            log("internal error on \(request.method) \(request.path): \(error)")
            return Self.body(500, "internal error")
        }
    }

    static func body(_ status: Int, _ message: String) -> HTTPResponse {
        let body = (try? JSONCoding.encode(ErrorBody(error: message))) ?? Array("{}".utf8)
        return .json(status, body)
    }

    /// The one line of a refusal's body, for the log and the audit.
    static func message(of response: HTTPResponse) -> String {
        (try? JSONCoding.decode(ErrorBody.self, from: response.body))?.error ?? "HTTP \(response.status)"
    }
}
