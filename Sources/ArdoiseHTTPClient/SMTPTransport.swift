import CCurlShim
import Glibc

/// Where and how to hand mail over: an smtp:// or smtps:// URL and its settings. STARTTLS and
/// authentication are off by default (a relay on the school's network or 127.0.0.1 in tests).
public struct SMTPSettings: Sendable {
    /// smtp://host:port or smtps://host:port; nothing else is accepted.
    public var url: String
    /// Requires STARTTLS on smtp:// (CURLUSESSL_ALL): the transfer fails rather than going on in clear.
    public var requireStartTLS: Bool
    public var username: String?
    public var password: String?
    public var connectTimeout: Double
    public var totalTimeout: Double
    /// The largest message accepted for sending (attachments included, after base64).
    public var maxMessageBytes: Int

    public init(url: String, requireStartTLS: Bool = false, username: String? = nil, password: String? = nil,
                connectTimeout: Double = 10, totalTimeout: Double = 60, maxMessageBytes: Int = 25 << 20) {
        self.url = url
        self.requireStartTLS = requireStartTLS
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxMessageBytes = maxMessageBytes
    }
}

/// Sends one already formatted message (CRLF lines) over SMTP with libcurl: MAIL FROM, one RCPT TO
/// per recipient, DATA. libcurl does the dot-stuffing. One easy handle per message, so a failure
/// leaves nothing behind; protocols are limited to smtp and smtps.
public enum SMTPTransport {
    /// Throws `HTTPClientError` naming the server URL (refused connection, timeout, rejected
    /// recipient, bad input).
    public static func send(from sender: String, recipients: [String], message: [UInt8],
                            settings: SMTPSettings) throws {
        let url = settings.url
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            throw HTTPClientError(code: Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue),
                                  message: "only smtp:// and smtps:// are allowed", url: url)
        }
        guard !recipients.isEmpty, recipients.count <= 100 else {
            throw HTTPClientError(code: Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue),
                                  message: "between 1 and 100 recipients", url: url)
        }
        for address in [sender] + recipients where !isPlainAddress(address) {
            throw HTTPClientError(code: Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue),
                                  message: "invalid address \(address)", url: url)
        }
        guard message.count <= settings.maxMessageBytes else {
            throw HTTPClientError(code: Int(CURLE_FILESIZE_EXCEEDED.rawValue),
                                  message: "message larger than \(settings.maxMessageBytes) bytes", url: url)
        }
        guard curlGlobalInitResult == CURLE_OK else {
            throw HTTPClientError(code: Int(curlGlobalInitResult.rawValue), message: "curl_global_init failed", url: url)
        }
        guard let handle = curl_easy_init() else {
            throw HTTPClientError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed", url: url)
        }
        defer { curl_easy_cleanup(handle) }
        let size = Int(ardoise_curl_error_size())
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        defer { errorBuffer.deallocate() }
        let list = try RecipientList(recipients, url: url)
        let source = UploadSource(message)

        func check(_ code: CURLcode) throws {
            guard code == CURLE_OK else { throw failure(code, errorBuffer, handle, url) }
        }
        try check(ardoise_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ardoise_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ardoise_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
        try check(ardoise_curl_setopt_string(handle, CURLOPT_URL, url))
        try check(ardoise_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout)))
        try check(ardoise_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(settings.totalTimeout)))
        if settings.requireStartTLS {
            try check(ardoise_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)))
        }
        if let username = settings.username { try check(ardoise_curl_setopt_string(handle, CURLOPT_USERNAME, username)) }
        if let password = settings.password { try check(ardoise_curl_setopt_string(handle, CURLOPT_PASSWORD, password)) }
        try check(ardoise_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"))
        try check(ardoise_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
        try check(ardoise_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)))
        try check(ardoise_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque()))
        try check(ardoise_curl_setopt_read_function(handle, CURLOPT_READFUNCTION) { buffer, size, count, user in
            guard let buffer, let user else { return Int(CURL_READFUNC_ABORT) }
            let source = Unmanaged<UploadSource>.fromOpaque(user).takeUnretainedValue()
            return source.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
        })
        let code = try withExtendedLifetime((list, source)) { () throws -> CURLcode in
            try check(ardoise_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, list.pointer))
            return curl_easy_perform(handle)
        }
        try check(code)
    }

    /// A bare address: something@something, no spaces, brackets, quotes or control characters
    /// (they would change the SMTP command).
    static func isPlainAddress(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            return false
        }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: ",") }
    }

    private static func failure(_ code: CURLcode, _ buffer: UnsafeMutablePointer<CChar>, _ handle: UnsafeMutableRawPointer,
                                _ url: String) -> HTTPClientError {
        var message = String(cString: buffer)
        if message.isEmpty, let text = curl_easy_strerror(code) { message = String(cString: text) }
        var error = HTTPClientError(code: Int(code.rawValue), message: message, url: url)
        // A reply code means the server answered and said no (MAIL or RCPT refused, message rejected).
        var reply = 0
        if code != CURLE_COULDNT_CONNECT, code != CURLE_OPERATION_TIMEDOUT,
           ardoise_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply) == CURLE_OK, reply >= 400 {
            error.serverReply = reply
        }
        var osErrno = 0
        if code == CURLE_COULDNT_CONNECT, ardoise_curl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno) == CURLE_OK,
            osErrno != 0, let text = strerror(Int32(truncatingIfNeeded: osErrno))
        {
            error.systemError = String(cString: text)
        }
        return error
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        Int(min(max(0, seconds * 1000), Double(Int.max / 2)))
    }
}

/// The message bytes handed to libcurl's read callback, a chunk at a time.
private final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            buffer.copyMemory(from: base + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// The RCPT TO addresses as a curl_slist, freed when this value goes away.
private final class RecipientList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ addresses: [String], url: String) throws {
        for address in addresses {
            guard let appended = curl_slist_append(pointer, "<\(address)>") else {
                throw HTTPClientError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory", url: url)
            }
            pointer = appended
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
