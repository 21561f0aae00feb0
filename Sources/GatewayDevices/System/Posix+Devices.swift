import CGatewayLinux

#if canImport(Glibc)
import Glibc
#endif

extension Posix {
    /// `poll(2)` on one descriptor for input; returns the `revents` (0 on timeout).
    public static func pollInput(_ descriptor: Int32, timeoutMilliseconds: Int32, subject: String? = nil)
        throws(SystemCallError) -> Int16
    {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try retrying("poll", subject: subject) { Glibc.poll(&entry, 1, timeoutMilliseconds) }
        return ready == 0 ? 0 : entry.revents
    }

    /// An ioctl through one of the CGatewayLinux wrappers, named for the error message.
    public static func ioctl(_ name: String, subject: String?, _ body: () -> Int32) throws(SystemCallError) {
        _ = try retrying("ioctl(\(name))", subject: subject, body)
    }

    /// `realpath(3)`: where a stable link (`/dev/spd/...`, a simulator's symlink) points now.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `access(2)` for existence.
    public static func exists(_ path: String) -> Bool { Glibc.access(path, F_OK) == 0 }
}
