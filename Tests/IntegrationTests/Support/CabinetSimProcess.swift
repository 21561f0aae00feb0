import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `spd-sim cabinet` as a real child process: Modbus TCP on a free port or RTU on a pty symlink, with its
/// control socket.
final class CabinetSimProcess: @unchecked Sendable {
    let process: ChildProcess
    let controlPath: String
    /// `tcp://127.0.0.1:PORT` or `rtu:/path`, as printed by the simulator when ready.
    let address: String

    init(
        in directory: TemporaryDirectory, name: String = "cabinet", rtu: Bool = false, units: [String],
        extra: [String] = []
    ) async throws {
        controlPath = directory.file("\(name)-control.sock")
        let transport = rtu ? ["--rtu-link", directory.file("\(name).tty")] : ["--tcp", "127.0.0.1:0"]
        process = try ChildProcess(
            "spd-sim", ["cabinet"] + transport + units.flatMap { ["--unit", $0] } + ["--control", controlPath] + extra,
            in: directory, label: name)
        let ready = "listening on "
        guard await process.waitForOutput(ready),
            let line = process.stdout.split(separator: "\n").first(where: { $0.hasPrefix(ready) })
        else {
            throw SimulatorFailed(message: "cabinet simulator did not start: \(process.startFailure)")
        }
        address = String(line.dropFirst(ready.count))
    }

    /// The TCP port (TCP simulators only).
    var port: Int { Int(address.split(separator: ":").last ?? "") ?? 0 }

    @discardableResult
    func control(_ command: String) throws -> String { try UnixLineClient.exchange(path: controlPath, line: command) }
}

/// One request line, one reply line, over a Unix stream socket.
enum UnixLineClient {
    static func exchange(path: String, line: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SimulatorFailed(message: "socket: \(errno)") }
        defer { close(descriptor) }
        // A simulator that stopped answering fails the test within seconds instead of hanging the whole run.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnixSocketAddress(path) { connect(descriptor, $0, $1) }
        guard connected == 0 else { throw SimulatorFailed(message: "connect to \(path): errno \(errno)") }
        let request = Array((line + "\n").utf8)
        _ = request.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 10 { reply.append(byte) }
        return String(decoding: reply, as: UTF8.self)
    }
}

/// Events and replies the backend simulator recorded, as JSON objects.
enum BackendRecord {
    static func messages(_ backend: BackendSimProcess, kind: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: backend.recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["kind"] as? String == kind
            else { return nil }
            return record["message"] as? [String: Any]
        }
    }

    /// Waits until `condition` holds on the recorded events (readiness, not a sleep).
    static func waitForEvents(
        _ backend: BackendSimProcess, timeout: Duration = .seconds(30), until condition: ([[String: Any]]) -> Bool
    ) async -> [[String: Any]] {
        let deadline = ContinuousClock.now + timeout
        var events = messages(backend, kind: "event")
        while ContinuousClock.now < deadline, !condition(events) {
            try? await Task.sleep(for: .milliseconds(20))
            events = messages(backend, kind: "event")
        }
        return events
    }

    /// Waits for the gateway's reply to the backend command `id`; nil if none came within `timeout`.
    static func waitForReply(
        _ backend: BackendSimProcess, id: String, timeout: Duration = .seconds(20)
    ) async -> [String: Any]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let reply = messages(backend, kind: "reply").first(where: { $0["id"] as? String == id }) {
                return reply
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
