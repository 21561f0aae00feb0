import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `spd-gateway status`, `spd-gateway watch` and `/metrics` against the real daemon and the backend simulator.
@Suite("Status, watch and metrics", .serialized)
struct StatusWatchMetricsTests {
    static func config(_ directory: TemporaryDirectory, backend: String, metricsPort: Int) -> String {
        """
        [gateway]
        id = "status-gw"
        site = "Test ward"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "notice"

        [backend]
        address = "\(backend)"
        heartbeat_interval = "500ms"
        reconnect_min = "50ms"
        reconnect_max = "300ms"

        [network_scanner]
        listen = "unix:\(directory.file("scan.sock"))"
        station = "dock-7"

        [control]
        socket = "\(directory.file("control.sock"))"

        [metrics]
        listen = "tcp://127.0.0.1:\(metricsPort)"
        """
    }

    /// Runs `spd-gateway` to completion and returns its exit code and output.
    static func operatorTool(
        _ arguments: [String], in directory: TemporaryDirectory
    ) async throws -> (Int32?, String, String) {
        let tool = try ChildProcess(
            "spd-gateway", arguments, in: directory, label: "tool-\(UUID().uuidString.prefix(8))")
        let status = await tool.waitForExit()
        return (status, tool.stdout, tool.stderr)
    }

    static func status(_ directory: TemporaryDirectory) async throws -> [String: Any] {
        let (code, output, errors) = try await operatorTool(
            ["status", "--json", "--socket", directory.file("control.sock")], in: directory)
        #expect(code == 0 || code == 2, "status failed: \(errors)")
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(object?["class"] as? String == "status")
        return try #require(object?["status"] as? [String: Any])
    }

    @Test func statusWatchAndMetricsReportWhatTheDaemonDoes() async throws {
        let directory = try TemporaryDirectory("status")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let metricsPort = try LoopbackHTTP.freePort()
        let config = try directory.write(
            "gateway.toml", Self.config(directory, backend: backend.address, metricsPort: metricsPort))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory)
        defer { daemon.signal(SIGKILL) }
        let client = try #require(await CrashRecoveryTests.connect(to: directory.file("scan.sock")))
        var reachable = false
        for _ in 0..<400 where !reachable {
            reachable = FileManager.default.fileExists(atPath: directory.file("control.sock"))
                && LoopbackHTTP.get(port: metricsPort, path: "/metrics") != nil
            if !reachable { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(reachable, "control socket and metrics endpoint up")

        // The socket is for root and the daemon's group only.
        var info = stat()
        #expect(stat(directory.file("control.sock"), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)

        // A malformed request gets an error line naming what is expected, and the connection stays usable.
        let control = try ScanClient(path: directory.file("control.sock"))
        let refused = try control.scan("not json")
        #expect(refused.contains("\"class\":\"error\"") && refused.contains("status"), "\(refused)")
        #expect(try control.scan(#"{"request":"status"}"#).hasPrefix("{\"class\":\"status\""))

        // A watcher first, so it sees the scans.
        let watcher = try ChildProcess(
            "spd-gateway", ["watch", "--json", "--count", "3", "--socket", directory.file("control.sock")],
            in: directory, label: "watch")
        var watchers = 0
        for _ in 0..<400 where watchers == 0 {
            watchers = try await Self.status(directory)["watchers"] as? Int ?? 0
            if watchers == 0 { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(watchers == 1)

        var ids: [String] = []
        for code in ["0109506000134352172512311024A001", "0109506000134353", "(01)09506000134352(10)LOT7"] {
            let answer = try client.scan(code)
            #expect(answer.hasPrefix("OK "), "scan refused: \(answer)")
            ids.append(String(answer.dropFirst(3)))
        }
        #expect(await watcher.waitForExit() == 0)
        let watched = watcher.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(watched.map { $0["id"] as? String } == ids, "watch shows each committed event once, in order")
        #expect(watched.allSatisfy { $0["class"] as? String == "event" && $0["station"] as? String == "dock-7" })

        // Status: backend connected and everything acknowledged.
        var report: [String: Any] = [:]
        for _ in 0..<400 {
            report = try await Self.status(directory)
            let outbox = report["outbox"] as? [String: Any]
            let backendState = (report["backend"] as? [String: Any])?["state"] as? String
            if backendState == "connected", outbox?["depth"] as? Int == 0 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let gateway = try #require(report["gateway"] as? [String: Any])
        #expect(gateway["id"] as? String == "status-gw")
        #expect(gateway["pid"] as? Int == Int(daemon.pid))
        let backendStatus = try #require(report["backend"] as? [String: Any])
        #expect(backendStatus["state"] as? String == "connected")
        #expect(backendStatus["events_acked"] as? Int == 3)
        let outbox = try #require(report["outbox"] as? [String: Any])
        #expect(outbox["depth"] as? Int == 0)
        #expect(outbox["next_seq"] as? Int == 4)

        // The readable form, and its exit code (0: healthy).
        let (code, text, _) = try await Self.operatorTool(
            ["status", "--socket", directory.file("control.sock")], in: directory)
        #expect(code == 0)
        #expect(text.contains("gateway   status-gw (Test ward)"))
        #expect(text.contains("backend   connected"))
        #expect(text.contains("outbox    0 unacked"))

        // Metrics: events by type, decode errors by kind, ack latency, outbox depth.
        let page = try #require(LoopbackHTTP.get(port: metricsPort, path: "/metrics"))
        #expect(page.status == 200)
        #expect(page.body.contains("spd_events_total{type=\"scan\"} 3"))
        #expect(page.body.contains("spd_scans_total{source=\"network-scanner\"} 3"))
        #expect(page.body.contains("spd_decode_errors_total{kind=\"check_digit\"} 1"), "bad check digit counted")
        #expect(page.body.contains("spd_outbox_depth 0"))
        let latencyCount = page.body.split(separator: "\n").first { $0.hasPrefix("spd_ack_latency_seconds_count") }
        #expect(latencyCount.flatMap { Int($0.split(separator: " ").last ?? "") } == 3)
        #expect(LoopbackHTTP.get(port: metricsPort, path: "/other")?.status == 404)

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.file("control.sock")), "socket removed on stop")
    }

    @Test func statusWithoutADaemonSaysHowToFixIt() async throws {
        let directory = try TemporaryDirectory("status-none")
        defer { directory.remove() }
        let (code, _, errors) = try await Self.operatorTool(
            ["status", "--socket", directory.file("nothing.sock")], in: directory)
        #expect(code == 1)
        #expect(errors.contains("cannot reach the daemon's control socket"))
        #expect(errors.contains("--socket"))
    }
}
