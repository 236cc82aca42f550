import ArdoiseGzip
import ArdoiseProtocol
import ArdoiseSupport
import Foundation

/// One request to the server, decoded; every failure becomes a `NodeError` of the kind that says what
/// to do: unreachable (sync again later), certificate not trusted (give the right CA), token refused
/// (enrol again), or refused.
struct ServerCall {
    let transport: any NodeTransport
    let server: String

    func send<Answer: Decodable>(_ method: String, _ path: String, token: String?, body: (any Encodable)? = nil,
                                 as: Answer.Type) throws -> Answer {
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        var bytes: [UInt8]?
        if let body {
            bytes = try JSONCoding.encode(body)
            headers.append((name: "Content-Type", value: "application/json"))
        }
        if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        let url = server + WireVersion.prefix + path
        var response: TransportResponse
        // A body of a kilobyte or more (a push) goes gzip'd; a server older than issue 12 refuses it
        // (400 or 415) without applying anything, and gets it again as it is.
        if let plain = bytes, let packed = try? Self.packed(plain) {
            response = try exchange(method, url, headers + [(name: "Content-Encoding", value: "gzip")], packed)
            if response.status == 400 || response.status == 415 { response = try exchange(method, url, headers, plain) }
        } else {
            response = try exchange(method, url, headers, bytes)
        }
        let body = try? JSONCoding.decode(ErrorBody.self, from: response.body)
        let message = body?.error ?? "HTTP \(response.status)"
        if response.status == 409, let code = body?.code {
            switch code {
            case ErrorCode.operationMismatch:
                throw NodeError(.folderRestored(server: server), message, hint: "the operations waiting here are kept")
            case ErrorCode.sequenceGap:
                if let expected = body?.expected { throw NodeError(.sequenceGap(expected: expected), message) }
            default:
                break
            }
        }
        switch response.status {
        case 200..<300:
            do {
                return try JSONCoding.decode(Answer.self, from: response.body)
            } catch {
                throw NodeError(.unexpectedAnswer, "unexpected answer from \(url): \(JSONCoding.describe(error))",
                                hint: "is this the Ardoise server? everything recorded here is kept")
            }
        case 401:
            throw NodeError(.tokenRefused(server: server), "the server refused this node's token: \(message)",
                            hint: "the operations waiting here are kept")
        case 429:
            // Too many failures from this address (a shared school address): later, not never.
            throw NodeError(.unreachable, "the server asks this address to wait: \(message)",
                            hint: "everything recorded here is kept; sync again after the wait")
        case 500...:
            throw NodeError(.unreachable, "server error at \(server) (HTTP \(response.status)): \(message)")
        default:
            throw NodeError.refused("the server refused \(method) \(path) (HTTP \(response.status)): \(message)")
        }
    }

    private func exchange(_ method: String, _ url: String, _ headers: [(name: String, value: String)],
                          _ body: [UInt8]?) throws -> TransportResponse {
        do {
            return try transport.exchange(method: method, url: url, headers: headers, body: body)
        } catch let error as TransportError where error.untrustedCertificate {
            throw NodeError(.untrustedCertificate, "\(error) at \(server)")
        } catch {
            throw NodeError(.unreachable, "server unreachable at \(server): \(error)")
        }
    }

    /// A body gzip'd when that pays (`Gzip.worthFrom`); nil when it goes as it is.
    static func packed(_ body: [UInt8]) throws -> [UInt8]? {
        guard body.count >= Gzip.worthFrom else { return nil }
        let packed = try Gzip.compress(body)
        return packed.count < body.count ? packed : nil
    }

    /// `http://host:port` without a trailing slash.
    static func normalised(_ text: String) throws -> String {
        var server = text.trimmingCharacters(in: .whitespaces)
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            throw NodeError.refused("the server must be an http:// or https:// URL, not '\(text)'")
        }
        while server.hasSuffix("/") { server.removeLast() }
        return server
    }
}
