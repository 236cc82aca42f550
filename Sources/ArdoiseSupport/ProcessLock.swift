import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (flock) on `DIR/ardoise.lock`, held for the life of the process that owns
/// the data folder: one process owns a database file (SQLite 3.40's WAL-reset race, ARCHITECTURE "Scale").
public final class ProcessLock: @unchecked Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock without waiting; nil when another process holds it.
    public static func acquire(folder: String) throws -> ProcessLock? {
        let path = (folder as NSString).appendingPathComponent("ardoise.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SupportError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return ProcessLock(descriptor: fd, path: path)
    }

    /// The pid written by the holder, for the message that says who holds the folder.
    public static func holder(folder: String) -> String? {
        let path = (folder as NSString).appendingPathComponent("ardoise.lock")
        return (try? String(contentsOfFile: path, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Another process owns the data folder (its pid as it wrote it, when readable).
public struct FolderInUse: Error, CustomStringConvertible, Sendable {
    public let folder: String
    public let holder: String

    public init(folder: String) {
        self.folder = folder
        holder = ProcessLock.holder(folder: folder).flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    public var description: String { "\(folder) is in use by process \(holder)" }
}

extension ProcessLock {
    /// Takes the lock, or throws `FolderInUse`.
    public static func take(folder: String) throws -> ProcessLock {
        guard let lock = try acquire(folder: folder) else { throw FolderInUse(folder: folder) }
        return lock
    }
}
