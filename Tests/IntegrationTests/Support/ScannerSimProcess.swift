import Foundation

/// `spd-sim scanner` as a real child process: a stand-in device node at `path` playing a scenario file.
final class ScannerSimProcess: @unchecked Sendable {
    let process: ChildProcess
    let path: String

    init(in directory: TemporaryDirectory, name: String, scenario: String) throws {
        path = directory.file(name)
        let scenarioPath = try directory.write("\(name).json", scenario)
        process = try ChildProcess(
            "spd-sim", ["scanner", "--path", path, "--scenario", scenarioPath], in: directory, label: "scanner-\(name)")
    }

    /// Waits until the simulator printed `fragment` (e.g. "scenario done"); false on timeout or exit.
    func waitForOutput(_ fragment: String, timeout: Duration = .seconds(30)) async -> Bool {
        await process.waitForOutput(fragment, timeout: timeout)
    }
}

extension BackendSimProcess {
    /// Every event message received so far, in arrival order, as JSON objects.
    func receivedMessages() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["kind"] as? String == "event", let message = record["message"] as? [String: Any]
            else { return nil }
            return message
        }
    }

    /// Waits until `condition` holds on the received events (de-duplicated by id, ordered by seq).
    func waitForEvents(timeout: Duration = .seconds(30), until condition: ([[String: Any]]) -> Bool) async
        -> [[String: Any]]
    {
        let deadline = ContinuousClock.now + timeout
        var events: [[String: Any]] = []
        while ContinuousClock.now < deadline {
            var seen = Set<String>()
            events = receivedMessages().filter { seen.insert($0["id"] as? String ?? "").inserted }
                .sorted { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) }
            if condition(events) { return events }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return events
    }
}

/// One event reduced to what scanner tests compare: `type`, and raw / device state / alarm kind.
func summary(_ event: [String: Any]) -> String {
    let type = event["type"] as? String ?? "?"
    switch type {
    case "device":
        return "device " + ((event["device"] as? [String: Any])?["state"] as? String ?? "?")
    default:
        let raw = (event["raw"] as? String ?? "").debugDescription
        let alarm = (event["alarm"] as? [String: Any])?["kind"] as? String
        return "\(type) \(raw)" + (alarm.map { " [\($0)]" } ?? "")
    }
}

func sourceID(_ event: [String: Any]) -> String? { (event["source"] as? [String: Any])?["id"] as? String }
