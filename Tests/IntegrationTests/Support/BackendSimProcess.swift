import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `spd-sim backend` as a real child process on a Unix socket, with its reception log and control socket.
final class BackendSimProcess: @unchecked Sendable {
    let process: ChildProcess
    let socketPath: String
    let recordPath: String
    let controlPath: String
    let directory: TemporaryDirectory

    init(
        in directory: TemporaryDirectory, name: String = "backend", socketPath: String? = nil,
        extraArguments: [String] = []
    ) async throws {
        self.directory = directory
        self.socketPath = socketPath ?? directory.file("\(name).sock")
        recordPath = directory.file("\(name).jsonl")
        controlPath = directory.file("\(name)-control.sock")
        process = try ChildProcess(
            "spd-sim",
            ["backend", "--listen", "unix:\(self.socketPath)", "--record", recordPath, "--control", controlPath]
                + extraArguments,
            in: directory, label: name)
        guard await waitForOutput("listening on") else {
            throw SimulatorFailed(message: "backend simulator did not start: \(process.startFailure)")
        }
    }

    var address: String { "unix:\(socketPath)" }

    /// Waits until the simulator's stdout contains `fragment` (readiness, not a sleep); false on timeout or exit.
    func waitForOutput(_ fragment: String, timeout: Duration = .seconds(20)) async -> Bool {
        await process.waitForOutput(fragment, timeout: timeout)
    }

    /// Sends one control command and returns the reply line.
    @discardableResult
    func control(_ command: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SimulatorFailed(message: "socket: \(errno)") }
        defer { close(descriptor) }
        let connected = withUnixSocketAddress(controlPath) { connect(descriptor, $0, $1) }
        guard connected == 0 else { throw SimulatorFailed(message: "connect to control socket: errno \(errno)") }
        let request = Array((command + "\n").utf8)
        _ = request.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 10 { reply.append(byte) }
        return String(decoding: reply, as: UTF8.self)
    }

    /// The simulator's counters from `stats`, as a dictionary.
    func stats() throws -> [String: Int] {
        let reply = try control("stats")
        var result: [String: Int] = [:]
        for pair in reply.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Int(parts[1]) { result[String(parts[0])] = value }
        }
        return result
    }

    /// `spd-sim report --json` on the reception log: the facts a test asserts on.
    func report() async throws -> ReceptionReport {
        let reporter = try ChildProcess("spd-sim", ["report", "--json", recordPath], in: directory, label: "report")
        // A soak's log holds 100,000 events: reading it in a debug build on a busy machine takes a while.
        guard await reporter.waitForExit(timeout: .seconds(600)) == 0 else {
            throw SimulatorFailed(message: "spd-sim report did not finish: \(reporter.stderr.suffix(500))")
        }
        return try JSONDecoder().decode(ReceptionReport.self, from: Data(reporter.stdout.utf8))
    }

    /// Event ids received, in arrival order, with their redelivered flags (read from the log directly).
    func receivedEvents() throws -> [(id: String, sequence: Int64, station: String?, redelivered: Bool)] {
        let text = (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["kind"] as? String == "event", let message = record["message"] as? [String: Any],
                let id = message["id"] as? String, let sequence = message["seq"] as? Int
            else { return nil }
            return (id, Int64(sequence), message["station"] as? String, message["redelivered"] as? Bool ?? false)
        }
    }
}

/// `spd-sim report --json` output.
struct ReceptionReport: Decodable {
    var received: Int
    var unique: Int
    var duplicates: Int
    var unflaggedDuplicates: Int
    var hellos: Int
    var invalid: Int
    var byType: [String: Int]
    var outOfOrderStations: [String]
}

struct SimulatorFailed: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
