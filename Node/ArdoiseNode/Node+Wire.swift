import ArdoiseProtocol
import ArdoiseSupport
import Foundation

extension Node {
    /// One request to the server, decoded; every failure becomes a CLIError worded for the user, with
    /// exit 75 where retrying later can help (network down, server error) and 1 where it cannot.
    func call<Answer: Decodable>(_ transport: some NodeTransport, _ method: String, server: String, path: String,
                                 token: String?, body: (any Encodable)? = nil, as: Answer.Type) throws -> Answer {
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        var bytes: [UInt8]?
        if let body {
            bytes = try JSONCoding.encode(body)
            headers.append((name: "Content-Type", value: "application/json"))
        }
        if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        let url = server + WireVersion.prefix + path
        let response: TransportResponse
        do {
            response = try transport.exchange(method: method, url: url, headers: headers, body: bytes)
        } catch {
            throw CLIError.retryLater("server unreachable at \(server): \(error)",
                                      hint: "everything recorded here is kept; run ardoise sync again later")
        }
        let message = (try? JSONCoding.decode(ErrorBody.self, from: response.body))?.error ?? "HTTP \(response.status)"
        switch response.status {
        case 200..<300:
            do {
                return try JSONCoding.decode(Answer.self, from: response.body)
            } catch {
                throw CLIError.retryLater("unexpected answer from \(url): \(JSONCoding.describe(error))",
                                          hint: "is --server the Ardoise server? everything recorded here is kept")
            }
        case 401:
            throw CLIError("the server refused this node's token: \(message)",
                           hint: "enrol it again with a new code: ardoise enrol --again --data \(folder) --server \(server) --code CODE (the operations waiting here are kept)")
        case 500...:
            throw CLIError.retryLater("server error at \(server) (HTTP \(response.status)): \(message)",
                                      hint: "everything recorded here is kept; run ardoise sync again later")
        default:
            throw CLIError("the server refused \(method) \(path) (HTTP \(response.status)): \(message)")
        }
    }

    /// `http://host:port` without a trailing slash, or a usage error.
    public static func normalisedServer(_ text: String) throws -> String {
        var server = text.trimmingCharacters(in: .whitespaces)
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            throw CLIError.usage("--server must be an http:// or https:// URL, not '\(text)'")
        }
        while server.hasSuffix("/") { server.removeLast() }
        return server
    }
}
