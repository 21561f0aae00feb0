#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// fsyncs a directory so that a file just created in it survives power loss (its directory entry is on disk).
/// SQLite syncs the directory for its journal and WAL files, not for the database file it creates.
enum DirectorySync {
    /// - Throws: ``DirectorySyncError`` naming the call and errno.
    static func sync(directoryOf path: String) throws {
        let directory = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DirectorySyncError(call: "open", path: directory, errno: errno) }
        defer { close(descriptor) }
        while fsync(descriptor) != 0 {
            // Retry on a signal; any other error is real.
            guard errno == EINTR else { throw DirectorySyncError(call: "fsync", path: directory, errno: errno) }
        }
    }
}

/// A failed system call on a directory.
struct DirectorySyncError: Error, CustomStringConvertible {
    var call: String
    var path: String
    var errno: Int32

    var description: String { "\(call)(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}
