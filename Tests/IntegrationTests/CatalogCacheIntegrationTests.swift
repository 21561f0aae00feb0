import Foundation
import Testing

/// The catalogue cache with the real daemon, the real operator CLI and the real backend simulator.
@Suite("Catalogue cache", .serialized)
struct CatalogCacheIntegrationTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs").path

    static func config(_ directory: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        return try directory.write(
            "gateway.toml",
            """
            [gateway]
            id = "gw-cache"
            state_directory = "\(directory.file("state"))"

            [backend]
            address = "unix:\(directory.file("backend.sock"))"
            heartbeat_interval = "500ms"
            reconnect_min = "50ms"
            reconnect_max = "200ms"

            [network_scanner]
            listen = "unix:\(directory.file("scan.sock"))"
            station = "dock-1"
            """)
    }

    /// Runs `spd-gateway ARGS` to completion; returns its exit status and stdout.
    static func operatorCLI(_ arguments: [String], in directory: TemporaryDirectory) async throws -> (Int32?, String) {
        let process = try ChildProcess(
            "spd-gateway", arguments, in: directory, label: "cli-\(UUID().uuidString.prefix(6))")
        let status = await process.waitForExit()
        return (status, process.stdout + process.stderr)
    }

    /// `spd-gateway cache stats` as JSON.
    static func stats(_ directory: TemporaryDirectory) async throws -> [String: Any] {
        let (status, output) = try await operatorCLI(
            ["cache", "stats", "--db", directory.file("state/cache.sqlite")], in: directory)
        #expect(status == 0, "\(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    /// The `item` of every event the backend received, in order.
    static func receivedItems(_ backend: BackendSimProcess) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: backend.recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  record["kind"] as? String == "event", let message = record["message"] as? [String: Any]
            else { return nil }
            return message["item"] as? [String: Any] ?? [:]
        }
    }

    static func waitFor(_ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool)
        async throws
    {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                throw SimulatorFailed(message: "timed out waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func anImportWhileTheDaemonRunsIsUsedByTheNextScan() async throws {
        let directory = try TemporaryDirectory("cache-import")
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", try Self.config(directory)], in: directory)
        defer { daemon.signal(SIGKILL) }
        let client = try #require(await CrashRecoveryTests.connect(to: directory.file("scan.sock")))
        #expect(try client.scan("0109506000134352").hasPrefix("OK "))

        let (status, output) = try await Self.operatorCLI(
            ["cache", "import", Self.docs + "/catalogue-sample.csv", "--db", directory.file("state/cache.sqlite")],
            in: directory)
        #expect(status == 0, "\(output)")
        #expect(output.contains("16 added, 0 updated, 0 rejected"))
        #expect(try client.scan("0109506000134352\u{1D}17261031").hasPrefix("OK "))
        let (again, report) = try await Self.operatorCLI(
            [
                "cache", "import", "--json", Self.docs + "/catalogue-sample.jsonl", "--db",
                directory.file("state/cache.sqlite"),
            ],
            in: directory)
        #expect(again == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        #expect(parsed?["updated"] as? Int == 16 && parsed?["rejected"] as? Int == 0, "\(report)")

        try await Self.waitFor("two events at the backend") { Self.receivedItems(backend).count >= 2 }
        let items = Self.receivedItems(backend)
        #expect(items[0]["status"] as? String == "unknown")
        #expect(items[1]["status"] as? String == "known")
        #expect(items[1]["name"] as? String == "PTCA balloon catheter")
        #expect(items[1]["flags"] as? [String] == ["expired"])

        let (resolved, json) = try await Self.operatorCLI(
            ["cache", "resolve", "PK0000012345", "--db", directory.file("state/cache.sqlite")], in: directory)
        #expect(resolved == 0)
        #expect(json.contains(#""quantity":10"#) && json.contains(#""resolution":"item""#), "\(json)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func backendSnapshotAndCatchUpAfterBeingOffline() async throws {
        let directory = try TemporaryDirectory("cache-sync")
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let config = try Self.config(directory)
        var daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory)
        defer { daemon.signal(SIGKILL) }
        try await Self.waitFor("the gateway's hello") { (try backend.stats()["hellos"] ?? 0) >= 1 }

        // 16 records in chunks of 4: begin, 4 chunks, commit.
        let pushed = try backend.control("catalog \(Self.docs)/catalogue-sample.jsonl 5 4")
        #expect(pushed == "ok catalog version 5 records 16 sent to 1")
        try await Self.waitFor("six replies") { (try backend.stats()["replies"] ?? 0) >= 6 }
        var stats = try await Self.stats(directory)
        #expect(stats["catalog_version"] as? Int == 5)
        #expect(stats["products"] as? Int == 6)
        #expect(stats["cabinet_slots"] as? Int == 2)

        // The gateway goes offline; the backend publishes version 6 meanwhile.
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        let smaller = try directory.write("v6.csv", "kind,key,name\nproduct,04006381333931,Only product\n")
        #expect(try backend.control("catalog \(smaller) 6").hasPrefix("ok catalog version 6 records 1 sent to 0"))

        // Back online: its hello says version 5, the backend sends 6.
        daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "spd-gatewayd-2")
        try await Self.waitFor("the catch-up") { (try backend.stats()["replies"] ?? 0) >= 9 }
        #expect(await backend.waitForOutput("is at catalogue version 5; sending version 6"))
        stats = try await Self.stats(directory)
        #expect(stats["catalog_version"] as? Int == 6)
        #expect(stats["products"] as? Int == 1)
        let record = try String(contentsOfFile: backend.recordPath, encoding: .utf8)
        #expect(record.contains(#""catalog_version":6"#))
        #expect(!record.contains(#""ok":false"#))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
