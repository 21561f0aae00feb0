import Foundation
import GatewayCore

/// The daemon's control socket in `watch` mode: a thread reads committed events and stamps each `door` event with
/// its arrival time (`CLOCK_MONOTONIC`).
final class WatchStream: Sendable {
    struct DoorEvent: Sendable {
        var door: String
        var state: String
        /// The event's `mono_ns`: when the daemon's poll saw the change.
        var polled: UInt64
        var arrived: UInt64
    }

    let descriptor: Int32
    let events = Locked<[DoorEvent]>([])
    let consumed = Locked(0)

    /// Connects (retrying while the daemon starts) and asks for the stream.
    init(path: String) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        var connected: Int32 = -1
        while connected < 0, ContinuousClock.now < deadline {
            connected = Self.connect(path)
            if connected < 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard connected >= 0 else { throw BenchError(message: "control socket \(path) never answered") }
        descriptor = connected
        let request = Array(#"{"request":"watch"}"#.utf8) + [10]
        _ = request.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let thread = Thread { [self] in readLines() }
        thread.start()
    }

    static func connect(_ path: String) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result == 0 { return descriptor }
        Glibc.close(descriptor)
        return -1
    }

    func readLines() {
        let clock = SystemClock()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var line: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            let arrived = clock.monotonicNanoseconds()
            for byte in buffer[0..<count] {
                guard byte == 10 else {
                    line.append(byte)
                    continue
                }
                if let event = Self.door(line, arrived: arrived) { events.withLock { $0.append(event) } }
                line.removeAll(keepingCapacity: true)
            }
        }
    }

    static func door(_ line: [UInt8], arrived: UInt64) -> DoorEvent? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              object["type"] as? String == "door", let door = object["door"] as? [String: Any],
              let id = door["door"] as? String, let state = door["state"] as? String,
              let polled = (object["mono_ns"] as? NSNumber)?.uint64Value
        else { return nil }
        return DoorEvent(door: id, state: state, polled: polled, arrived: arrived)
    }

    /// The next not yet consumed door event for `door` in `state`, waiting up to `timeout`.
    func next(door: String, state: String, within timeout: Duration) async -> DoorEvent? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found = events.withLock { events -> DoorEvent? in
                let start = consumed.withLock { $0 }
                guard let index = events[start...].firstIndex(where: { $0.door == door && $0.state == state }) else {
                    return nil
                }
                consumed.withLock { $0 = index + 1 }
                return events[index]
            }
            if let found { return found }
            try? await Task.sleep(for: .microseconds(200))
        }
        return nil
    }

    func close() { shutdown(descriptor, Int32(SHUT_RDWR)) }
}
