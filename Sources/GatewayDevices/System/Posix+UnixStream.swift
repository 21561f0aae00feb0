#if canImport(Glibc)
import Glibc
#endif

extension Posix {
    /// Connects a blocking stream socket to a Unix socket path (the daemon's control socket); returns the
    /// descriptor, which the caller closes.
    public static func connectUnixStream(_ path: String) throws(SystemCallError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemCallError(call: "connect", subject: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: pathBytes) }
        let socket = try retrying("socket", subject: path) {
            Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            _ = try retrying("connect", subject: path) {
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        Glibc.connect(socket, socketAddress, socklen_t(MemoryLayout<sockaddr_un>.size))
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
