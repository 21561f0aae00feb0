import Foundation

/// `spd-sim backend` as a separate process on a Unix socket, as the backend is in production.
/// Its stdout and stderr go to files, so it never blocks on a full pipe.
final class BackendSimulatorProcess {
    let process = Process()
    let socketPath: String
    let control: SimulatorControl
    private let stdoutPath: String
    private let stderrPath: String

    var address: String { "unix:\(socketPath)" }

    /// Starts the simulator and returns once it prints "listening on".
    init(executable: String, directory: URL, socketDirectory: URL) async throws {
        socketPath = socketDirectory.appendingPathComponent("backend.sock").path
        control = SimulatorControl(path: socketDirectory.appendingPathComponent("control.sock").path)
        stdoutPath = directory.appendingPathComponent("backend.stdout").path
        stderrPath = directory.appendingPathComponent("backend.stderr").path
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        // No --record: the reception log would add a write(2) per event to the backend's side of the loop.
        process.arguments = ["backend", "--listen", address, "--control", control.path]
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        try await waitUntilListening()
    }

    private func waitUntilListening() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let output = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            if output.contains("listening on") && FileManager.default.fileExists(atPath: control.path) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let errors = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        throw SimulatorError(message: "spd-sim backend did not start listening: \(errors)")
    }

    /// SIGTERM, then wait for the exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct SimulatorError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
