#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, on what, and the errno it returned.
///
/// Logged as `open(/dev/input/event3): Permission denied (errno 13)`, which says what failed and where; the
/// caller adds what to do about it.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name of the call, e.g. `open` or `ioctl(EVIOCGRAB)`.
    public var call: String
    /// What it was called on (a path, a device, a socket), if known.
    public var subject: String?
    /// The errno value.
    public var errno: Int32

    public init(call: String, subject: String? = nil, errno: Int32) {
        self.call = call
        self.subject = subject
        self.errno = errno
    }

    /// The C library's text for the errno.
    public var reason: String { String(cString: strerror(errno)) }

    public var description: String {
        let target = subject.map { "(\($0))" } ?? ""
        return "\(call)\(target): \(reason) (errno \(errno))"
    }
}
