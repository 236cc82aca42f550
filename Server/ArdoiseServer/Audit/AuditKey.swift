import ArdoiseSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The key of the audit chain (HMAC-SHA256), kept outside the data folder: whoever can edit the
/// database cannot recompute the chain after changing it (issue 8 item 10). By default the file is
/// `$ARDOISE_AUDIT_KEY`, or `~/.config/ardoise/audit.key`, made once (0600) when missing.
public struct AuditKey: Sendable {
    let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static var defaultPath: String {
        if let path = ProcessInfo.processInfo.environment["ARDOISE_AUDIT_KEY"], !path.isEmpty { return path }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".config/ardoise/audit.key")
    }

    /// Reads the key at `path`, making it when missing; refuses a key inside the data folder it protects.
    public static func load(path given: String = defaultPath, dataFolder: String, random: RandomSource = .system) throws -> AuditKey {
        // Absolute from here on: a bare relative name has no parent folder to make.
        let path = URL(fileURLWithPath: given).standardizedFileURL.path
        let key = path
        let folder = URL(fileURLWithPath: dataFolder).standardizedFileURL.path
        guard !key.hasPrefix(folder + "/") else {
            throw ServerError(500, "the audit key \(path) is inside the data folder it protects",
                              hint: "keep it elsewhere: set ARDOISE_AUDIT_KEY to a path outside \(dataFolder)")
        }
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let bytes = Digest.bytes(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 32 else {
                throw ServerError(500, "the audit key \(path) is not 32 bytes of hex")
            }
            return AuditKey(bytes: bytes)
        }
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // Made beside, then linked into place: link fails if another process made it first, and then
        // everyone reads the one that won, never two keys at once.
        let temporary = path + ".\(Digest.hex(try random.bytes(8)))"
        try AtomicFile.write(Array(Digest.hex(try random.bytes(32)).utf8), to: temporary, mode: 0o600)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw ServerError(500, "cannot make the audit key \(path): \(String(cString: strerror(errno)))")
        }
        return try load(path: path, dataFolder: dataFolder, random: random)
    }

    func mac(_ text: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: bytes, message: Array(text.utf8)))
    }
}
