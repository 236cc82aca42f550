import ArdoiseGzip
import ArdoiseProtocol

/// A push body as a node sends it: JSON, gzip'd from a kilobyte on (`ServerCall`).
enum PushEncoding {
    struct Body {
        var bytes: [UInt8]
        var gzip: Bool
    }

    static func body(_ request: PushRequest) throws -> Body {
        let json = try JSONCoding.encode(request)
        guard json.count >= Gzip.worthFrom else { return Body(bytes: json, gzip: false) }
        return Body(bytes: try Gzip.compress(json), gzip: true)
    }

    static func headers(body: Body, token: String) -> [(name: String, value: String)] {
        [(name: "Authorization", value: "Bearer \(token)")] + (body.gzip ? [(name: "Content-Encoding", value: "gzip")] : [])
    }
}
