import Foundation
import GatewayCore

/// Door change -> `door` event committed, through the real daemon: `spd-gatewayd` polls the simulator over Modbus
/// TCP with its shipped cabinet controller (decode, session, state file, outbox commit) while forwarding to an
/// `spd-sim backend`; the benchmark toggles a door through the simulator's control socket and stamps the event
/// when the daemon's `watch` stream delivers it (the stream carries committed events only).
///
/// The event's `mono_ns` is stamped by the daemon when its poll saw the change (same `CLOCK_MONOTONIC`), which
/// splits the total into the wait for the next poll (at most one interval, inherent to polling) and the
/// gateway's own part: reading the rest of the cycle, the session, the state file and the outbox commit.
enum DaemonDoorLatency {
    struct Samples {
        /// Toggle -> committed, ms.
        var total: [Double] = []
        /// Poll saw it -> committed, ms.
        var gateway: [Double] = []
    }

    static func measure(
        simulator: String, daemon: String, directory parent: URL, interval: Int, toggles: Int
    ) async throws -> Samples {
        let directory = parent.appendingPathComponent("daemon")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cabinet = try await CabinetSimulator(
            executable: simulator, directory: directory, rtu: false, units: ["1:io-8:16", "2:weight-16", "3:weight-16"])
        defer { cabinet.stop() }
        let backend = try ChildProcess(simulator, ["backend", "--listen", "unix:\(directory.path)/backend.sock"],
                                       directory: directory, name: "backend")
        defer { backend.stop() }
        let controlSocket = "\(directory.path)/control.sock"
        let config = directory.appendingPathComponent("gateway.toml")
        try """
            [gateway]
            id = "door-bench"
            state_directory = "\(directory.path)/state"
            [log]
            level = "warning"
            [backend]
            address = "unix:\(directory.path)/backend.sock"
            [control]
            socket = "\(controlSocket)"
            [[modbus_bus]]
            id = "bus-1"
            address = "\(cabinet.address)"
            poll_interval = "\(interval)ms"
            [[cabinet]]
            id = "bench"
            bus = "bus-1"
            [[cabinet.device]]
            unit = 1
            profile = "io-8"
            count = 16
            [[cabinet.device]]
            unit = 2
            profile = "weight-16"
            [[cabinet.device]]
            unit = 3
            profile = "weight-16"
            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("state"), withIntermediateDirectories: true)
        let gateway = try ChildProcess(daemon, ["--config", config.path], directory: directory, name: "daemon")
        defer { gateway.stop() }

        let watch = try await WatchStream(path: controlSocket)
        defer { watch.close() }
        try await Task.sleep(for: .seconds(1))  // connected, first references settled
        let clock = SystemClock()
        var samples = Samples()
        for toggle in 0..<toggles {
            let state = toggle % 2 == 0 ? "open" : "closed"
            let start = clock.monotonicNanoseconds()
            try cabinet.control(toggle % 2 == 0 ? "open 5" : "close 5")
            guard let event = await watch.next(door: "5", state: state, within: .seconds(5)) else {
                throw BenchError(message: "no door event within 5 s: \(gateway.stderrTail)")
            }
            samples.total.append(Double(event.arrived - start) / 1e6)
            samples.gateway.append(Double(event.arrived - min(event.arrived, event.polled)) / 1e6)
            // Toggle at a random phase of the poll cycle, as real doors do: the event arrived just after a poll,
            // so a pause uniform over two whole intervals makes the next toggle's phase uniform (a shorter pause
            // would favour the early part of the cycle and flatter the figure).
            try await Task.sleep(for: .microseconds(Int.random(in: 5_000..<(5_000 + 2 * interval * 1_000))))
        }
        samples.total.sort()
        samples.gateway.sort()
        return samples
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}

/// A child process with its output in files (never a full pipe).
final class ChildProcess {
    let process = Process()
    let stderrPath: String

    init(_ executable: String, _ arguments: [String], directory: URL, name: String) throws {
        stderrPath = directory.appendingPathComponent("\(name).stderr").path
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var stderrTail: String { String(((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "").suffix(2000)) }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
