import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults the gateway meets on a ward, injected into the real daemon under load: a network that drops in the
/// middle of a line, configuration reloads while scans stream, and wall-clock jumps. Each prints what it injected
/// and the books (sent, received, lost, duplicated after dedup). Kill -9, backend outage and a full disk are in
/// `CrashRecoveryTests` and `OutageAndStorageTests`; Modbus and scanner faults with their devices.
@Suite("Fault injection", .serialized)
struct FaultInjectionTests {
    /// Rounds of each fault in CI; `make soak` raises them with SPD_SOAK_FAULT_ROUNDS.
    static let rounds = Int(ProcessInfo.processInfo.environment["SPD_SOAK_FAULT_ROUNDS"] ?? "") ?? 10

    static func config(_ directory: TemporaryDirectory, backend: String, level: String = "notice") -> String {
        """
        [gateway]
        id = "fault-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "\(level)"

        [backend]
        address = "\(backend)"
        window = 32
        heartbeat_interval = "300ms"
        peer_timeout = "3s"
        reconnect_min = "20ms"
        reconnect_max = "200ms"

        [network_scanner]
        listen = "unix:\(directory.file("scan.sock"))"
        station = "dock-1"
        """
    }

    static func start(_ name: String, environment: [String: String] = [:]) async throws
        -> (TemporaryDirectory, BackendSimProcess, ChildProcess, ScanClient, String)
    {
        let directory = try TemporaryDirectory(name)
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let config = try directory.write("gateway.toml", Self.config(directory, backend: backend.address))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], environment: environment, in: directory)
        guard let client = await CrashRecoveryTests.connect(to: directory.file("scan.sock")) else {
            throw SimulatorFailed(message: "daemon did not start: \(daemon.startFailure)")
        }
        return (directory, backend, daemon, client, config)
    }

    /// Waits until the backend holds every accepted event, then stops the daemon cleanly.
    static func drainAndStop(_ daemon: ChildProcess, _ backend: BackendSimProcess, accepted: [String]) async throws
        -> [(id: String, sequence: Int64, station: String?, redelivered: Bool)]
    {
        let deadline = ContinuousClock.now + .seconds(60)
        var received = try backend.receivedEvents()
        while ContinuousClock.now < deadline, !Set(received.map(\.id)).isSuperset(of: accepted) {
            try await Task.sleep(for: .milliseconds(25))
            received = try backend.receivedEvents()
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0, "daemon stops cleanly after the faults: \(daemon.stderr.suffix(2000))")
        return try backend.receivedEvents()
    }

    @Test func networkDropInTheMiddleOfALine() async throws {
        let (directory, backend, daemon, client, _) = try await Self.start("fault-cut")
        defer { directory.remove() }
        let cuts = Self.rounds
        var tally = FaultTally(fault: "network drop mid-line", injected: "\(cuts) connections cut inside an event line")
        for round in 0..<cuts {
            _ = try backend.control("cut-mid-line 1")
            // Scans until the cut has happened, so each cut lands on live traffic.
            var scansThisRound = 0
            while (try backend.stats()["cuts"] ?? 0) <= round || scansThisRound < 20 {
                tally.sent += 1
                scansThisRound += 1
                let answer = try client.scan("CUT-\(round)-\(tally.sent)")
                if answer.hasPrefix("OK ") { tally.accepted.append(String(answer.dropFirst(3))) }
                if scansThisRound > 5000 { break }
            }
        }
        let received = try await Self.drainAndStop(daemon, backend, accepted: tally.accepted)
        let (lost, duplicated) = tally.report(received: received)
        let stats = try backend.stats()
        #expect(stats["cuts"] == cuts)
        #expect(stats["invalid"] == 0, "a half line is never taken for a message")
        #expect(tally.accepted.count == tally.sent)
        #expect(lost == 0)
        #expect(duplicated == 0)
        #expect((try await backend.report()).outOfOrderStations.isEmpty)
    }

    @Test func configurationReloadsWhileScansStream() async throws {
        let (directory, backend, daemon, client, config) = try await Self.start("fault-reload")
        defer { directory.remove() }
        let reloads = Self.rounds + 2
        var tally = FaultTally(
            fault: "config reload under load",
            injected: "\(reloads) SIGHUPs (log level changes, every 4th file invalid)")
        let good = try String(contentsOfFile: config, encoding: .utf8)
        for reload in 0..<reloads {
            let text: String
            if reload % 4 == 3 {
                text = good + "\n[outbox]\nhigh_water_mark = \"lots\"\n"
            } else {
                text = Self.config(directory, backend: backend.address, level: reload % 2 == 0 ? "info" : "notice")
            }
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            daemon.signal(SIGHUP)
            for _ in 0..<50 {
                tally.sent += 1
                let answer = try client.scan("RELOAD-\(reload)-\(tally.sent)")
                if answer.hasPrefix("OK ") { tally.accepted.append(String(answer.dropFirst(3))) }
            }
        }
        #expect(await daemon.waitForLog("reload rejected"), "an invalid file is rejected, not applied")
        #expect(daemon.stderr.contains("gateway.toml:"), "with file:line")
        let received = try await Self.drainAndStop(daemon, backend, accepted: tally.accepted)
        let (lost, duplicated) = tally.report(received: received)
        #expect(tally.accepted.count == tally.sent, "no scan refused during reloads")
        #expect(lost == 0)
        #expect(duplicated == 0)
    }

    /// The wall clock jumps back two hours and forward a day (NTP correcting a box that booted without an RTC);
    /// libfaketime moves only CLOCK_REALTIME, as NTP does.
    @Test func wallClockJumpsBackAndForth() async throws {
        let library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"
        guard FileManager.default.fileExists(atPath: library) else {
            Issue.record("libfaketime is not installed (scripts/setup.sh installs it)")
            return
        }
        let offsetFile = FileManager.default.temporaryDirectory.appendingPathComponent("spd-clock-\(getpid())").path
        try "+0".write(toFile: offsetFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: offsetFile) }
        let (directory, backend, daemon, client, _) = try await Self.start(
            "fault-clock",
            environment: [
                "LD_PRELOAD": library, "FAKETIME_TIMESTAMP_FILE": offsetFile, "FAKETIME_NO_CACHE": "1",
                "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            ])
        defer { directory.remove() }
        let offsets = ["-2h", "+1d", "+0", "-10m"]
        var tally = FaultTally(fault: "clock jumps", injected: "wall clock set \(offsets.joined(separator: ", then "))")
        for offset in [nil] + offsets {
            if let offset { try offset.write(toFile: offsetFile, atomically: true, encoding: .utf8) }
            for _ in 0..<100 {
                tally.sent += 1
                let answer = try client.scan("CLOCK-\(offset ?? "start")-\(tally.sent)")
                if answer.hasPrefix("OK ") { tally.accepted.append(String(answer.dropFirst(3))) }
            }
        }
        let received = try await Self.drainAndStop(daemon, backend, accepted: tally.accepted)
        let (lost, duplicated) = tally.report(received: received)
        #expect(lost == 0)
        #expect(duplicated == 0)
        #expect(try backend.stats()["hellos"] == 1, "no reconnect: timeouts run on the monotonic clock")

        // Event times follow the wall clock (they jump); sequence and monotonic time never go back.
        let recordLines = try String(contentsOfFile: backend.recordPath, encoding: .utf8).split(separator: "\n")
        let records = recordLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["message"] as? [String: Any]
        }.filter { $0["class"] as? String == "event" }
        var bySequence: [Int: (time: Int64, monotonic: UInt64)] = [:]
        for record in records {
            guard let sequence = record["seq"] as? Int, let time = (record["time_ms"] as? NSNumber)?.int64Value,
                let monotonic = (record["mono_ns"] as? NSNumber)?.uint64Value
            else { continue }
            bySequence[sequence] = (time, monotonic)
        }
        let ordered = bySequence.keys.sorted().map { bySequence[$0]! }
        let times = ordered.map(\.time)
        let monotonic = ordered.map(\.monotonic)
        #expect(zip(times, times.dropFirst()).contains { $1 < $0 - 3_600_000 }, "the backward jump shows in time_ms")
        #expect(zip(monotonic, monotonic.dropFirst()).allSatisfy { $0 <= $1 }, "mono_ns never goes back")
    }
}

/// Modbus faults in the middle of cabinet sessions: the weighing slave goes silent and the door module answers
/// garbage while the door is open. Every session must still end in its consume, and the books must balance.
@Suite("Fault injection: Modbus", .serialized)
struct ModbusFaultInjectionTests {
    @Test func slaveTimeoutsAndGarbageDuringSessions() async throws {
        let rig = try await CabinetIntegrationTests.start(rtu: false)
        defer { rig.directory.remove() }
        defer { rig.daemon.signal(SIGKILL) }
        #expect(
            await CabinetIntegrationTests.waitUntilReady(rig.directory), "cabinet never settled: \(rig.daemon.stderr)")
        let sessions = max(3, FaultInjectionTests.rounds / 2)
        var tally = FaultTally(
            fault: "modbus timeouts and garbage",
            injected: "\(sessions) sessions (take, put back in turn), each with the scale silent for 1 s "
                + "and 2 corrupt replies from the door module")
        for session in 1...sessions {
            let id = "mb-\(session)"
            try CabinetIntegrationTests.unlock(rig, id: id)
            let reply = try #require(
                await CabinetIntegrationTests.waitForReply(rig, id: id), "no reply: \(rig.daemon.stderr)")
            #expect(reply["ok"] as? Bool == true, "\(reply)")
            _ = try rig.cabinet.control("open 1")
            _ = await BackendRecord.waitForEvents(rig.backend) { events in
                events.filter { ($0["door"] as? [String: Any])?["state"] as? String == "open" }.count == session
            }
            _ = try rig.cabinet.control("mute 2 1s")
            _ = try rig.cabinet.control("corrupt 1 2")
            // Take and put back in turn, so the bin never runs empty however many rounds the soak asks for.
            _ = try rig.cabinet.control(session % 2 == 1 ? "take 3 1" : "return 3 1")
            tally.sent += 1
            _ = try rig.cabinet.control("close 1")
            _ = await BackendRecord.waitForEvents(rig.backend) { events in
                events.filter { ($0["door"] as? [String: Any])?["state"] as? String == "locked" }.count == session
            }
        }
        let events = BackendRecord.messages(rig.backend, kind: "event")
        let consumes = events.filter { $0["type"] as? String == "consume" }
        let returns = events.filter { $0["type"] as? String == "return" }
        tally.accepted = (consumes + returns).compactMap { $0["id"] as? String }
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
        let received = try rig.backend.receivedEvents()
        // Everything the daemon committed (sequences 1...n, no gaps) is at the backend.
        let sequences = Set(received.map(\.sequence))
        let committed = sequences.max() ?? 0
        let (_, duplicated) = tally.report(received: received)
        print("fault modbus: committed \(committed) events, backend has \(sequences.count) distinct sequences")
        #expect(sequences.count == Int(committed), "a gap in the sequences is a lost event")
        let summary = events.map { event -> String in
            let detail = (event["door"] as? [String: Any])?["state"] ?? (event["device"] as? [String: Any])?["state"]
                ?? (event["weight"] as? [String: Any])?["anomaly"] ?? (event["alarm"] as? [String: Any])?["kind"] ?? ""
            return "\(event["type"] ?? "?"):\(detail)"
        }
        #expect(consumes.count == (sessions + 1) / 2, "a consume per take despite the faults: \(summary)")
        #expect(returns.count == sessions / 2, "a return per put-back despite the faults: \(summary)")
        #expect((consumes + returns).allSatisfy { $0["quantity"] as? Int == 1 })
        #expect(duplicated == 0)
        let faults = events.compactMap { $0["device"] as? [String: Any] }.filter { $0["state"] as? String == "fault" }
        #expect(!faults.isEmpty, "the silent slave was reported")
    }
}
