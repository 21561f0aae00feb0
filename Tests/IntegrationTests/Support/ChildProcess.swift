import Foundation

/// A product started as a real child process, its output collected in files so nothing blocks on a full pipe.
final class ChildProcess: @unchecked Sendable {
    let process: Process
    let stdoutPath: String
    let stderrPath: String

    init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        in directory: TemporaryDirectory,
        label: String? = nil
    ) throws {
        let name = label ?? URL(fileURLWithPath: executable).lastPathComponent
        stdoutPath = directory.file("\(name).stdout")
        stderrPath = directory.file("\(name).stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "NOTIFY_SOCKET")
        merged.removeValue(forKey: "JOURNAL_STREAM")
        merged.merge(environment) { _, new in new }
        var attempt = 1
        while true {
            let process = Process()
            // A product name, or an absolute path for a system tool (e.g. prlimit wrapping the daemon).
            let path = executable.hasPrefix("/") ? executable : Products.path(executable)
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.environment = merged
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            do {
                try process.run()
                self.process = process
                return
            } catch let error as NSError
                where error.domain == NSPOSIXErrorDomain && error.code == Int(EBADF) && attempt < 3
            {
                // Foundation's Process lists this process's open descriptors to close them in the child; a parallel
                // test closing one of them in between makes posix_spawn fail with EBADF before anything started
                // (seen once in CI). Nothing ran, so starting again is safe.
                attempt += 1
            }
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// What a process that did not become ready left behind, for a "did not start" failure message: whether it is
    /// still running or how it ended, and its output (once a backend simulator failed to start in CI with an empty
    /// stderr and nothing else to go on).
    var startFailure: String {
        let state = process.isRunning
            ? "still running after the wait (pid \(pid))"
            : "exited (\(process.terminationReason == .uncaughtSignal ? "signal" : "status") "
                + "\(process.terminationStatus))"
        let output = stdout.isEmpty ? "(empty)" : stdout
        let log = stderr.isEmpty ? "(empty)" : stderr
        return "\(state); stdout: \(output); stderr: \(log)"
    }

    /// Waits for exit up to `timeout`; kills with SIGKILL and returns nil if it does not exit in time.
    func waitForExit(timeout: Duration = .seconds(20)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                signal(SIGKILL)
                process.waitUntilExit()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Polls until stderr (the daemon's log) contains `fragment`; false on timeout or exit.
    func waitForLog(_ fragment: String, timeout: Duration = .seconds(20)) async -> Bool {
        await waitFor(fragment, in: { stderr }, timeout: timeout)
    }

    /// Polls until stdout (a simulator's readiness and progress lines) contains `fragment`; false on timeout or exit.
    func waitForOutput(_ fragment: String, timeout: Duration = .seconds(20)) async -> Bool {
        await waitFor(fragment, in: { stdout }, timeout: timeout)
    }

    /// Polls `text` (one of the output files) for `fragment`. Once the process has exited its output is complete,
    /// so waiting longer cannot help.
    private func waitFor(_ fragment: String, in text: () -> String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if text().contains(fragment) { return true }
            if !process.isRunning { return text().contains(fragment) }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
