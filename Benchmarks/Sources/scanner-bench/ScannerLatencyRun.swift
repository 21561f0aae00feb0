import Foundation
import GatewayCodes
import GatewayCore
import GatewayDevices
import GatewayStore

/// One scanner type: the simulator types `scans` unique codes, one at a time (a nurse's pace is far slower;
/// each scan gets the gateway to itself), and each event's commit is timed against its terminator.
struct ScannerLatencyRun {
    let options: ScannerBenchOptions
    let type: String

    struct Result {
        /// Terminator written -> event committed.
        var latencies: [UInt64]
        /// Terminator written -> the reader thread's read returned it (the kernel's tty / input path).
        var deliveries: [UInt64]
        var missing: Int
        var percentiles: Percentiles { Percentiles(latencies) }
        var type: String
        var line: String {
            let name = type.padding(toLength: 7, withPad: " ", startingAt: 0)
            return "  \(name) \(latencies.count) scans  terminator -> committed:  \(percentiles.line)\n"
                + "  \(name)   of which terminator -> read by the reader thread:  \(Percentiles(deliveries).line)\n"
                + "  \(name)   of which read -> committed (decode, event, outbox fsync):  "
                + Percentiles(zip(latencies, deliveries).map { $0 - min($0, $1) }).line
        }
    }

    func perform() async throws -> Result {
        let directory = options.directory + "/scanner-bench-\(type)-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outbox = try Outbox.open(path: directory + "/outbox.sqlite", gatewayID: "scanner-bench")
        let codes = (1...options.scans).map {
            "0104150123456782\u{1D}21\(type.uppercased())\(String(format: "%06d", $0))"
        }
        let scenarioPath = directory + "/scenario.json"
        try scenario(codes).write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        let devicePath = directory + "/scanner"
        let simulatorOutput = directory + "/simulator.out"
        _ = FileManager.default.createFile(atPath: simulatorOutput, contents: nil)
        let simulator = Process()
        simulator.executableURL = URL(fileURLWithPath: options.simulator)
        simulator.arguments = [
            "scanner", "--path", devicePath, "--scenario", scenarioPath, "--mark-terminators", "--exit-when-done",
        ]
        simulator.standardOutput = FileHandle(forWritingAtPath: simulatorOutput)
        try simulator.run()

        var settings = ScannerSettings(
            id: "bench", kind: ScannerSettings.Kind(rawValue: type)!, path: devicePath, station: "bench")
        settings.doubleReadWindow = .zero
        let (stream, continuation) = AsyncStream.makeStream(of: ScannerReader.Report.self)
        let reader = ScannerReader(settings: settings, clock: SystemClock()) { continuation.yield($0) }
        try reader.start()
        let watchdog = Task {
            // The simulator has written everything once it exits; give the gateway a moment, then stop waiting.
            while simulator.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
            try? await Task.sleep(for: .seconds(2))
            continuation.finish()
        }
        let decoder = CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23)))
        _ = decoder.decode(codes[0])
        var pipeline = ScannerPipeline(
            scannerID: "bench", station: "bench", builder: ScanEventBuilder(decoder: decoder),
            substitution: GroupSeparatorSubstitution([]), doubleReadWindow: .zero)
        let clock = SystemClock()
        var committed: [String: UInt64] = [:]
        var readAt: [String: UInt64] = [:]
        for await report in stream {
            guard case .frame(let frame, let read) = report,
                let draft = pipeline.draft(
                    for: frame, wallMilliseconds: clock.wallMilliseconds(),
                    monotonicNanoseconds: clock.monotonicNanoseconds())
            else { continue }
            _ = try await outbox.commit(draft)
            committed[draft.raw ?? ""] = monotonicNanoseconds()
            readAt[draft.raw ?? ""] = read
            if committed.count == codes.count { break }
        }
        reader.stop()
        watchdog.cancel()
        simulator.waitUntilExit()
        await outbox.close()

        var terminators: [String: UInt64] = [:]
        let output = (try? String(contentsOfFile: simulatorOutput, encoding: .utf8)) ?? ""
        for line in output.split(separator: "\n") where line.hasPrefix("terminator ") {
            let parts = line.split(separator: " ", maxSplits: 2)
            if parts.count == 3, let time = UInt64(parts[1]) { terminators[String(parts[2])] = time }
        }
        var latencies: [UInt64] = [], deliveries: [UInt64] = []
        for code in codes {
            // The simulator prints the code with GS as itself; the gateway's raw text is the same string.
            guard let written = terminators[code], let done = committed[code], done > written, let read = readAt[code]
            else { continue }
            latencies.append(done - written)
            deliveries.append(read > written ? read - written : 0)
        }
        return Result(latencies: latencies, deliveries: deliveries, missing: codes.count - latencies.count, type: type)
    }

    func scenario(_ codes: [String]) throws -> String {
        var object: [String: Any] = ["type": type, "steps": codes.flatMap { [["scan": $0], ["pause_ms": 3]] }]
        if type == "evdev" { object["inter_key_ms"] = 1 }
        if type == "serial" { object["terminator"] = "cr" }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
