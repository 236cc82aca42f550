import ArdoiseProtocol

/// A push body as a node sends it.
enum PushEncoding {
    struct Body {
        var bytes: [UInt8]
    }

    static func body(_ request: PushRequest) throws -> Body {
        Body(bytes: try JSONCoding.encode(request))
    }

    static func headers(body: Body, token: String) -> [(name: String, value: String)] {
        headers(raw: body.bytes, token: token)
    }

    static func headers(raw: [UInt8], token: String) -> [(name: String, value: String)] {
        [(name: "Authorization", value: "Bearer \(token)")]
    }
}
