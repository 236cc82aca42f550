import ArdoiseGzip
import ArdoiseHTTPServer
import Foundation

/// gzip on the wire where it pays (ARCHITECTURE "The wire"): push bodies a node sent gzip'd are
/// inflated, bounded by the route's cap; JSON answers of a kilobyte or more go gzip'd to clients that
/// accept it (libcurl decodes them itself).
enum BodyEncoding {
    /// The request body, inflated when it came with `Content-Encoding: gzip`; at most `limit` bytes.
    static func inflated(_ request: HTTPRequest, limit: Int) throws -> [UInt8] {
        guard let coding = request.header("Content-Encoding")?.trimmingCharacters(in: .whitespaces).lowercased(),
              !coding.isEmpty, coding != "identity" else { return request.body }
        guard coding == "gzip" || coding == "x-gzip" else {
            throw ServerError(415, "Content-Encoding \(coding.prefix(32)) is not supported: send gzip or nothing")
        }
        do {
            return try Gzip.decompress(request.body, limit: limit)
        } catch let failure as Gzip.Failure {
            if failure.tooLarge { throw ServerError(413, "the body inflates to more than \(limit) bytes") }
            throw ServerError.badRequest("the body is not valid gzip")
        }
    }

    /// A 200 JSON answer, gzip'd when the client accepts it and the body is large enough to gain.
    static func json(_ body: [UInt8], for request: HTTPRequest) -> HTTPResponse {
        guard body.count >= Gzip.worthFrom, Gzip.accepted(by: request.header("Accept-Encoding")),
              let packed = try? Gzip.compress(body), packed.count < body.count else { return .json(200, body) }
        var response = HTTPResponse.json(200, packed)
        response.headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return response
    }
}
