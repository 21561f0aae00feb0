#if canImport(Glibc)
import Glibc
#endif

extension Posix {
    /// Connects a blocking stream socket to a Unix socket path (the daemon's control socket); returns the
    /// descriptor, which the caller closes.
    public static func connectUnixStream(_ path: String) throws(SystemCallError) -> Int32 {
        var (address, length) = try unixSocketAddress(path, call: "connect")
        let socket = try retrying("socket", subject: path) {
            Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            _ = try retrying("connect", subject: path) {
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        Glibc.connect(socket, socketAddress, length)
                    }
                }
            }
        } catch {
            close(socket)
            throw error
        }
        return socket
    }
}
