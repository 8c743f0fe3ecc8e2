#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// Writes the files the customer asks for (the data export): readable by the customer alone
/// (0600), never over an existing file unless the customer said so, and never through a symbolic
/// link at the path (which could point at a file the customer did not name).
enum FileOutput {
    /// Writes `data` to `path`; nil when it worked.
    static func write(_ data: Data, to path: String, overwrite: Bool) -> FileWriteError? {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (overwrite ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, S_IRUSR | S_IWUSR)
        guard fd >= 0 else { return errno == EEXIST ? .exists : .system(errno) }
        defer { close(fd) }
        // An existing file keeps its mode on O_TRUNC: make it private too.
        fchmod(fd, S_IRUSR | S_IWUSR)
        let failed: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failed { return .system(failed) }
        return fsync(fd) == 0 ? nil : .system(errno)
    }

    /// True when something is at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// `~/x` → `/home/me/x`.
    static func expandingTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}
