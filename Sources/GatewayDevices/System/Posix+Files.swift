#if canImport(Glibc)
import Glibc
#endif

extension Posix {
    /// `fsync(2)`.
    public static func fsync(_ descriptor: Int32, subject: String? = nil) throws(SystemCallError) {
        _ = try retrying("fsync", subject: subject) { Glibc.fsync(descriptor) }
    }

    /// `rename(2)`: atomic replacement within one file system.
    public static func rename(_ from: String, to: String) throws(SystemCallError) {
        _ = try retrying("rename", subject: to) { Glibc.rename(from, to) }
    }

    /// Replaces `path` with `bytes` atomically and durably: a temporary file is written and synced, renamed over
    /// the old one, and the directory is synced, so a power loss leaves either the old or the new content.
    public static func replaceFile(_ path: String, with bytes: [UInt8], mode: mode_t = 0o640) throws(SystemCallError) {
        let temporary = path + ".tmp"
        let descriptor = try open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        do throws(SystemCallError) {
            // withUnsafeBytes rethrows untyped errors; carry the typed one out in a Result.
            try bytes.withUnsafeBytes { buffer in
                Result { () throws(SystemCallError) in try writeAll(descriptor, buffer, subject: temporary) }
            }.get()
            try fsync(descriptor, subject: temporary)
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        try rename(temporary, to: path)
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if let handle = try? open(directory.isEmpty ? "." : directory, flags: O_RDONLY | O_DIRECTORY) {
            try? fsync(handle, subject: directory)
            close(handle)
        }
    }
}
