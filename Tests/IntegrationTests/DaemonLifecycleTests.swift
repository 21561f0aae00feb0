import Foundation
import Testing

/// The real `spd-gatewayd` binary: start-up, sd_notify, reload and shutdown, as systemd drives it.
@Suite("Daemon lifecycle", .serialized)
struct DaemonLifecycleTests {
    /// A configuration that needs no fixed ports: backend on a Unix socket nobody listens on (the daemon keeps
    /// retrying, which is what it should do), no network scanner.
    static func minimalConfig(in directory: TemporaryDirectory, id: String = "gw-life") throws -> String {
        try directory.write(
            "gateway.toml",
            """
            [gateway]
            id = "\(id)"
            state_directory = "\(directory.path)"

            [backend]
            address = "unix:\(directory.file("no-backend.sock"))"
            """)
    }

    @Test func notifiesReadyFeedsTheWatchdogAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let notify = try NotifySocket(path: directory.file("notify.sock"))
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try Self.minimalConfig(in: directory)],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"], in: directory)

        let startup = notify.receive(until: "READY=1")
        #expect(startup.last?.contains("READY=1") == true, "daemon log: \(daemon.stderr)")
        #expect(startup.last?.contains("MAINPID=\(daemon.pid)") == true)
        // Watchdog pings every WATCHDOG_USEC / 2.
        let pings = notify.receive(until: "WATCHDOG=1", timeout: .seconds(5))
        #expect(pings.last == "WATCHDOG=1")

        daemon.signal(SIGTERM)
        let shutdown = notify.receive(until: "STOPPING=1", timeout: .seconds(10))
        #expect(shutdown.last?.contains("STOPPING=1") == true)
        #expect(await daemon.waitForExit() == 0)
        #expect(daemon.stderr.contains("stopped"))
    }

    @Test func sigintAlsoShutsDownGracefully() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try Self.minimalConfig(in: directory)], in: directory)
        #expect(await daemon.waitForLog("ready"))
        daemon.signal(SIGINT)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func sighupReloadsAValidConfigAndKeepsTheOldOneOnErrors() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write("gateway.toml", "[gateway]\nid = \"gw-a\"\n[log]\nlevel = \"info\"\n")
        let notify = try NotifySocket(path: directory.file("notify.sock"))
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", config, "--state-directory", directory.path],
            environment: ["NOTIFY_SOCKET": notify.path], in: directory)
        _ = notify.receive(until: "READY=1")

        // A broken file is rejected in full; the daemon keeps running.
        _ = try directory.write("gateway.toml", "[gateway]\nid = \"gw-a\"\n[log]\nlevel = \"chatty\"\n")
        daemon.signal(SIGHUP)
        let rejected = notify.receive(until: "READY=1")
        #expect(rejected.first?.contains("RELOADING=1") == true)
        #expect(rejected.last?.contains("last reload rejected") == true)
        #expect(daemon.stderr.contains("gateway.toml:4:9: log.level: expected one of"))

        // A valid file with a changed id: reloaded, and the id change is named as needing a restart.
        _ = try directory.write("gateway.toml", "[gateway]\nid = \"gw-b\"\n[log]\nlevel = \"debug\"\n")
        daemon.signal(SIGHUP)
        let accepted = notify.receive(until: "READY=1")
        #expect(accepted.last?.contains("STATUS=running (reloaded; these changes need a restart: gateway.id)") == true)
        #expect(await daemon.waitForLog("restart.keys=gateway.id"))

        // Regression: a new backend and outbox limit were reloaded as "configuration reloaded" while the daemon
        // kept the old ones. Named, with the id change that still waits for the restart.
        _ = try directory.write(
            "gateway.toml",
            """
            [gateway]
            id = "gw-b"
            [backend]
            address = "unix:\(directory.file("backend.sock"))"
            [outbox]
            high_water_mark = 5000
            """)
        daemon.signal(SIGHUP)
        _ = notify.receive(until: "READY=1")
        #expect(
            await daemon.waitForLog(
                "configuration reloaded; these changes need a restart: gateway.id, backend, outbox.high_water_mark"))

        // Back to the file the daemon started with, but for the log level: nothing waits for a restart any more.
        _ = try directory.write("gateway.toml", "[gateway]\nid = \"gw-a\"\n[log]\nlevel = \"debug\"\n")
        daemon.signal(SIGHUP)
        let restored = notify.receive(until: "READY=1")
        #expect(restored.last?.contains("STATUS=running (reloaded)") == true, "\(restored)")

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func badConfigFailsStartupWithFileLineKeyAndExitCode78() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write("gateway.toml", "[gateway]\nid = \"ok\"\nsite = 12\n")
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory)
        #expect(await daemon.waitForExit() == 78)
        #expect(daemon.stderr.contains("\(config):3:8: gateway.site: expected a string, found an integer"))
    }

    @Test func missingConfigFileNamesThePath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let daemon = try ChildProcess("spd-gatewayd", ["--config", directory.file("absent.toml")], in: directory)
        #expect(await daemon.waitForExit() == 78)
        #expect(daemon.stderr.contains("absent.toml: cannot read: open("))
    }

    @Test func checkConfigValidatesWithoutStarting() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let good = try directory.write("good.toml", "[gateway]\nid = \"gw\"\n")
        let bad = try directory.write("bad.toml", "[gateway]\nid = \"gw\"\nidd = 1\n")
        let daemonCheck = try ChildProcess("spd-gatewayd", ["--check-config", "--config", good], in: directory)
        #expect(await daemonCheck.waitForExit() == 0)
        #expect(daemonCheck.stdout.contains("configuration OK"))
        let cliCheck = try ChildProcess("spd-gateway", ["check-config", bad], in: directory)
        #expect(await cliCheck.waitForExit() == 78)
        #expect(cliCheck.stderr.contains("bad.toml:3:7: gateway.idd: unknown key; did you mean 'id'?"))
    }

    @Test func journalFormatUsesSyslogPriorityPrefixes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try Self.minimalConfig(in: directory)],
            environment: ["JOURNAL_STREAM": "8:12345"], in: directory)
        #expect(await daemon.waitForLog("<6>spd.watchdog: ready"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func printDemoConfigRoundTripsThroughCheckConfig() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let printer = try ChildProcess("spd-gatewayd", ["--print-demo-config"], in: directory)
        #expect(await printer.waitForExit() == 0)
        let path = try directory.write("demo.toml", printer.stdout)
        let check = try ChildProcess("spd-gateway", ["check-config", path], in: directory)
        #expect(await check.waitForExit() == 0)
    }
}
