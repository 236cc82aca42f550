/// Collects one response from libcurl's callbacks. Handed to C as an unretained pointer;
/// the owning HTTPClient keeps it alive for as long as its easy handle.
final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var limit = 0
    /// Set when the body outgrew `limit` and the transfer was aborted.
    var exceeded = false

    func reset(limit: Int) {
        body = []
        headers = []
        self.limit = limit
        exceeded = false
    }

    /// Appends body bytes; false (abort) past the limit.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= limit - body.count else {
            exceeded = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line as libcurl delivers it, CRLF included. A status line starts a new
    /// response (after a 100 Continue or a 1xx), so it drops what was collected before.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = []
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingSpacesAndTabs()
        let value = line[line.index(after: colon)...].trimmingSpacesAndTabs()
        guard !name.isEmpty else { return }
        headers.append((name: name, value: value))
    }
}

extension Substring {
    /// Trims HTTP's optional whitespace from both ends.
    fileprivate func trimmingSpacesAndTabs() -> String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
