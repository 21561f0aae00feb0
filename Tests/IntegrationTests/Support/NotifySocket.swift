import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A Unix datagram socket standing in for systemd's `$NOTIFY_SOCKET`: it collects what the daemon says.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
        let result = withUnixSocketAddress(path) { bind(descriptor, $0, $1) }
        guard result == 0 else { throw POSIXError(.init(rawValue: errno)!) }
    }

    /// The next datagram, or nil after `timeout`.
    func receive(timeout: Duration = .seconds(20)) -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Receives until a datagram contains `fragment`; returns everything received on the way.
    func receive(until fragment: String, timeout: Duration = .seconds(20)) -> [String] {
        var seen: [String] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, let message = receive(timeout: deadline - ContinuousClock.now) {
            seen.append(message)
            if message.contains(fragment) { break }
        }
        return seen
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
