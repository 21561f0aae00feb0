#if canImport(Glibc)
import Glibc
#endif

/// Every system call the gateway makes goes through here: each retries on EINTR and throws a
/// ``SystemCallError`` naming the call, so no caller forgets either.
public enum Posix {
    /// Runs `body` until it returns something other than -1 with EINTR.
    @inline(__always)
    static func retrying<Result: BinaryInteger>(
        _ call: String, subject: String? = nil, _ body: () -> Result
    ) throws(SystemCallError) -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, subject: subject, errno: code)
        }
    }

    /// `close(2)`. EINTR is not retried: on Linux the descriptor is released even then.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// `open(2)` with `O_CLOEXEC` added.
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> Int32 {
        try retrying("open", subject: path) { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    /// `read(2)` into a buffer; returns the byte count (0 at end of file).
    public static func read(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, subject: String? = nil
    ) throws(SystemCallError) -> Int {
        try retrying("read", subject: subject) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// `write(2)` of a whole buffer, looping over short writes.
    public static func writeAll(
        _ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, subject: String? = nil
    ) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            offset += try retrying("write", subject: subject) {
                Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
        }
    }

    /// Sends one datagram to a Unix socket path; a leading `@` names the abstract namespace (as systemd's
    /// `$NOTIFY_SOCKET` does). Used for sd_notify, which needs nothing more than this.
    public static func sendDatagram(_ payload: [UInt8], toUnixSocket path: String) throws(SystemCallError) {
        var (address, length) = try unixSocketAddress(path, call: "sendto")
        let socket = try retrying("socket", subject: path) {
            Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        defer { close(socket) }
        _ = try retrying("sendto", subject: path) {
            payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        Glibc.sendto(socket, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress,
                            length)
                    }
                }
            }
        }
    }
}

extension Posix {
    /// The `sockaddr_un` of a Unix socket path and its length; a leading `@` names the abstract namespace.
    static func unixSocketAddress(_ path: String, call: String) throws(SystemCallError) -> (sockaddr_un, socklen_t) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract { pathBytes[0] = 0 }
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemCallError(call: call, subject: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: pathBytes) }
        // Abstract addresses are not NUL-terminated: their length is exact.
        let length = MemoryLayout<sa_family_t>.size + pathBytes.count + (isAbstract ? 0 : 1)
        return (address, socklen_t(length))
    }

    /// `mkdir -p`: creates a directory and its parents; an existing directory is fine.
    public static func makeDirectory(_ path: String, mode: mode_t) throws(SystemCallError) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if Glibc.mkdir(prefix, mode) != 0 && Glibc.errno != EEXIST {
                throw SystemCallError(call: "mkdir", subject: prefix, errno: Glibc.errno)
            }
        }
    }
}
