import ArdoiseCLI
import ArdoiseHTTPClient
import ArdoiseProtocol
import ArdoiseServer
import Foundation

/// Admin commands talk to the running server through its admin API, with the token it wrote in the
/// data folder for whoever can read that folder; person commands through `/v1/people`, with their
/// session token (`prefix`). Edge code: its failures are CommandFailures.
struct AdminClient {
    let url: String
    let token: String
    /// Under `/v1`: `/admin` for the admin token, `/people` for a session, "" for sign-in.
    var prefix = "/admin"
    let client = HTTPClient(connectTimeout: 5, totalTimeout: 60)

    /// The running server of `folder`, or nil when it has left no endpoint behind.
    static func find(folder: String) -> AdminClient? {
        guard let url = endpoint(folder: folder),
              let token = try? String(contentsOfFile: CentralServer.adminTokenPath(folder), encoding: .utf8) else {
            return nil
        }
        return AdminClient(url: url, token: token.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The URL of the server running on `folder`, or nil when none left its endpoint behind.
    static func endpoint(folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: CentralServer.endpointPath(folder)),
              let endpoint = try? JSONCoding.decode(CentralServer.Endpoint.self, from: Array(data)) else { return nil }
        return endpoint.url
    }

    func get<T: Decodable>(_ path: String, as type: T.Type) throws -> T {
        try send("GET", path, body: nil, as: type)
    }

    func post<B: Encodable, T: Decodable>(_ path: String, _ body: B, as type: T.Type) throws -> T {
        try send("POST", path, body: try JSONCoding.encode(body), as: type)
    }

    func delete<T: Decodable>(_ path: String, as type: T.Type) throws -> T {
        try send("DELETE", path, body: nil, as: type)
    }

    /// A binary answer (a PDF, a zip): the response whole, for its body and headers.
    func bytes(_ path: String) throws -> HTTPClientResponse {
        try exchange("GET", path, body: nil)
    }

    /// A path segment: whatever the manager typed cannot add a segment or a query to the admin URL.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `?name=value&…` of the values given, each escaped as a segment; "" when none is.
    static func query(_ pairs: [(String, String?)]) -> String {
        let given = pairs.compactMap { name, value in value.map { "\(name)=\(segment($0))" } }
        return given.isEmpty ? "" : "?" + given.joined(separator: "&")
    }

    /// RFC 3986's unreserved characters, ASCII only.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private func send<T: Decodable>(_ method: String, _ path: String, body: [UInt8]?, as type: T.Type) throws -> T {
        try JSONCoding.decode(type, from: try exchange(method, path, body: body).body)
    }

    private func exchange(_ method: String, _ path: String, body: [UInt8]?) throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try client.send(method: method, url: url + WireVersion.prefix + prefix + path,
                                       headers: (token.isEmpty ? [] : [(name: "Authorization", value: "Bearer \(token)")])
                                           + [(name: "Content-Type", value: "application/json")],
                                       body: body)
        } catch {
            throw CommandFailure.retryLater("the server at \(url) does not answer: \(error)")
        }
        guard response.status == 200 else {
            let message = (try? JSONCoding.decode(ErrorBody.self, from: response.body))?.error
                ?? "HTTP \(response.status)"
            // As for a ServerError: busy (429) or storage unavailable (503) can work later.
            let temporary = response.status == 429 || response.status == 503
            throw CommandFailure(message, exit: temporary ? .retryLater : .failure)
        }
        return response
    }
}
