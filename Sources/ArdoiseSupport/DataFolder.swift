import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A data folder holds tokens, verifiers and grades: only its owner may read or write it. Folders are
/// made 0700 and files 0600 whatever existed before; a folder that others can write is refused, since
/// whoever can write it can replace the database under us.
public enum DataFolder {
    /// Makes `path` and its parents 0700 (when `create`) or checks it, then restricts it to its owner.
    public static func prepare(_ path: String, create: Bool) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            guard create else { throw SupportError("\(path) does not exist") }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw SupportError("cannot create \(path): \(error.localizedDescription)")
            }
            guard stat(path, &info) == 0 else { throw SupportError("cannot read \(path): \(String(cString: strerror(errno)))") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw SupportError("\(path) is not a folder") }
        guard info.st_uid == getuid() else { throw SupportError("\(path) belongs to another user (uid \(info.st_uid))") }
        if info.st_mode & 0o022 != 0 {
            throw SupportError("\(path) can be written by other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
                + "a data folder must be its owner's alone: chmod 700 it")
        }
        try restrict(path, mode: 0o700)
    }

    /// Restricts a SQLite database and the WAL files beside it to their owner.
    public static func restrictDatabase(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] { try restrict(file) }
    }

    /// Sets a file or folder to `mode` (0600 for files) if it exists.
    public static func restrict(_ path: String, mode: mode_t = 0o600) throws {
        guard access(path, F_OK) == 0 else { return }
        guard chmod(path, mode) == 0 else {
            throw SupportError("cannot restrict \(path) to mode \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
    }
}
