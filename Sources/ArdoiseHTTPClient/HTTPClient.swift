import CCurlShim
import Glibc

/// libcurl's global state, initialised once (Swift runs a global's initialiser exactly once,
/// thread-safely) before the first easy handle is created; HTTPClient and SMTPTransport share it.
let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// A blocking HTTP(S) client over one libcurl easy handle, reused across requests so the
/// connection is kept alive. Not Sendable: use one client per thread.
public final class HTTPClient {
    public let connectTimeout: Double
    public let totalTimeout: Double
    public let maxResponseBytes: Int
    /// PEM file of the certificate authorities trusted for https, instead of the system's; nil: the system's.
    public let caFile: String?
    private let handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let sink = ResponseSink()
    /// Set when the handle could not be created or configured; every send throws it.
    private var setupError: HTTPClientError?

    public static let userAgent = "ardoise/1"

    public init(connectTimeout: Double = 5, totalTimeout: Double = 60, maxResponseBytes: Int = 64 << 20,
                caFile: String? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.caFile = caFile
        let size = Int(ardoise_curl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        guard curlGlobalInitResult == CURLE_OK else {
            handle = nil
            setupError = HTTPClientError(
                code: Int(curlGlobalInitResult.rawValue), message: "curl_global_init failed", url: "")
            return
        }
        handle = curl_easy_init()
        do {
            try configure()
        } catch let error as HTTPClientError {
            setupError = error
        } catch {
            setupError = HTTPClientError(code: Int(CURLE_FAILED_INIT.rawValue), message: "\(error)", url: "")
        }
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// Options that stay the same for every request on this handle.
    private func configure() throws {
        guard let handle else {
            throw HTTPClientError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed", url: "")
        }
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        try check(ardoise_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), url: "")
        // No signals: libcurl must not use SIGALRM for DNS timeouts in a threaded process.
        try check(ardoise_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), url: "")
        try check(ardoise_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), url: "")
        try check(ardoise_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), url: "")
        try check(ardoise_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)), url: "")
        try check(ardoise_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(totalTimeout)), url: "")
        try check(ardoise_curl_setopt_string(handle, CURLOPT_USERAGENT, Self.userAgent), url: "")
        // Asks for gzip'd answers; libcurl inflates them itself (its zlib), so callers see plain bodies.
        try check(ardoise_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "gzip"), url: "")
        try configureTLS(handle)
        // Refuses early when Content-Length announces too much; the write callback catches the rest.
        try check(ardoise_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxResponseBytes)), url: "")
        try check(ardoise_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer), url: "")
        try check(ardoise_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer), url: "")
        try check(ardoise_curl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            return sink.appendBody(bytes) ? size * count : 0  // a short count makes libcurl abort
        }, url: "")
        try check(ardoise_curl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }, url: "")
    }

    /// https: the peer's certificate and host name are always verified (libcurl's defaults, set here so no
    /// option elsewhere can turn them off), TLS 1.2 at least, against `caFile` when given.
    private func configureTLS(_ handle: UnsafeMutableRawPointer) throws {
        try check(ardoise_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), url: "")
        try check(ardoise_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), url: "")
        try check(ardoise_curl_setopt_long(handle, CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2)), url: "")
        // An académie's own CA replaces the system's bundle: only certificates it signed are accepted.
        if let caFile { try check(ardoise_curl_setopt_string(handle, CURLOPT_CAINFO, caFile), url: "") }
    }

    /// Sends one request and waits for the whole response. Throws `HTTPClientError` when no
    /// HTTP response arrived (connect failure, timeout, response over `maxResponseBytes`);
    /// an HTTP error status is a normal response.
    public func send(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil
    ) throws -> HTTPClientResponse {
        if let setupError { throw HTTPClientError(code: setupError.code, message: setupError.message, url: url) }
        guard let handle else { throw HTTPClientError(code: Int(CURLE_FAILED_INIT.rawValue), message: "no handle", url: url) }
        sink.reset(limit: maxResponseBytes)
        errorBuffer[0] = 0

        let list = try HeaderList(headers, hasBody: body != nil, url: url)
        try check(ardoise_curl_setopt_string(handle, CURLOPT_URL, url), url: url)
        try setMethod(method.uppercased(), body: body, on: handle, url: url)
        // The list must outlive the transfer, and the handle must not keep pointing at it after.
        let code = try withExtendedLifetime(list) { () throws -> CURLcode in
            try check(ardoise_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list.pointer), url: url)
            let code = curl_easy_perform(handle)
            _ = ardoise_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            return code
        }
        guard code == CURLE_OK else {
            if sink.exceeded || code == CURLE_FILESIZE_EXCEEDED {
                throw HTTPClientError(
                    code: Int(code.rawValue), message: "response larger than \(maxResponseBytes) bytes", url: url)
            }
            throw error(for: code, url: url)
        }
        var status = 0
        try check(ardoise_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), url: url)
        return HTTPClientResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Resets what a previous request may have left on the handle, then sets this one's method and body.
    private func setMethod(_ method: String, body: [UInt8]?, on handle: UnsafeMutableRawPointer, url: String) throws {
        try check(ardoise_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, nil), url: url)
        try check(ardoise_curl_setopt_long(handle, CURLOPT_NOBODY, 0), url: url)
        if method == "HEAD" {
            try check(ardoise_curl_setopt_long(handle, CURLOPT_NOBODY, 1), url: url)
            return
        }
        guard body != nil || method == "POST" || method == "PUT" else {
            try check(ardoise_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), url: url)
            if method != "GET" { try check(ardoise_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method), url: url) }
            return
        }
        let bytes = body ?? []
        try check(ardoise_curl_setopt_long(handle, CURLOPT_POST, 1), url: url)
        // The size first: COPYPOSTFIELDS copies that many bytes (binary safe, no strlen).
        try check(ardoise_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)), url: url)
        let copied = bytes.withUnsafeBytes { raw -> CURLcode in
            guard let base = raw.baseAddress else {
                return "".withCString { ardoise_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, $0) }
            }
            return ardoise_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
        }
        try check(copied, url: url)
        if method != "POST" { try check(ardoise_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method), url: url) }
    }

    private func check(_ code: CURLcode, url: String) throws {
        guard code == CURLE_OK else { throw error(for: code, url: url) }
    }

    private func error(for code: CURLcode, url: String) -> HTTPClientError {
        var message = String(cString: errorBuffer)
        if message.isEmpty, let text = curl_easy_strerror(code) { message = String(cString: text) }
        var error = HTTPClientError(code: Int(code.rawValue), message: message, url: url)
        error.caFile = caFile
        // curl's text says "Couldn't connect to server"; errno says why (e.g. Connection refused).
        // Only for socket failures: after other errors the saved errno may be stale.
        let socketFailures: [CURLcode] = [CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR]
        var osErrno = 0
        if socketFailures.contains(code), let handle, ardoise_curl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno) == CURLE_OK, osErrno != 0,
            let text = strerror(Int32(truncatingIfNeeded: osErrno))
        {
            error.systemError = String(cString: text)
        }
        return error
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        Int(min(max(0, seconds * 1000), Double(Int.max / 2)))
    }
}
