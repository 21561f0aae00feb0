import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A PDA as a test drives it: a Unix-socket connection to the daemon's network scanner listener; `scan` sends one
/// line and waits for the daemon's answer (`OK <event id>` once the event is durable, `ERR ...`).
final class ScanClient {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(path: String, timeout: Duration = .seconds(10)) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ScanClientError.io("socket", errno) }
        let result = withUnixSocketAddress(path) { connect(descriptor, $0, $1) }
        // Not closed here: the throw runs `deinit` (every stored property is set), which closes it. Closing it here
        // too closed the number twice; tests that poll for the daemon's listener fail to connect hundreds of times,
        // and the second close hit descriptors other tests had opened meanwhile (a NIO socket: a crash; a child's
        // pipe: "did not start" with an empty stderr).
        guard result == 0 else { throw ScanClientError.io("connect", errno) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends one scan and returns the answer line, or throws if the connection broke first.
    func scan(_ code: String) throws -> String {
        let line = Array((code + "\n").utf8)
        // MSG_NOSIGNAL: a write to a daemon that was just killed fails with EPIPE instead of killing the test.
        let written = line.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == line.count else { throw ScanClientError.io("send", errno) }
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let answer = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return answer
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { throw count == 0 ? ScanClientError.closed : ScanClientError.io("recv", errno) }
            buffer += chunk[0..<count]
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}

enum ScanClientError: Error {
    case io(String, Int32)
    case closed
}
