import CCurlShim

/// The request's header lines as a curl_slist, freed when this value goes away.
final class HeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    /// Rejects CR, LF and NUL in names and values: they would smuggle extra header lines.
    init(_ headers: [(name: String, value: String)], hasBody: Bool, url: String) throws {
        var lines: [String] = []
        for (name, value) in headers {
            let bad = { (text: String) in text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 } }
            guard !name.isEmpty, !bad(name), !bad(value), !name.contains(":") else {
                throw HTTPClientError(
                    code: Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue), message: "invalid header \(name)", url: url)
            }
            lines.append("\(name): \(value)")
        }
        let names = Set(headers.map { $0.name.lowercased() })
        // "Name:" with no value tells libcurl not to send its default for that header.
        if !names.contains("expect") { lines.append("Expect:") }  // no 100-continue round trip
        if hasBody && !names.contains("content-type") { lines.append("Content-Type:") }  // not form-urlencoded
        for line in lines {
            guard let appended = curl_slist_append(pointer, line) else {
                throw HTTPClientError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory", url: url)
            }
            pointer = appended
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
