import ArgumentParser
import GatewayCodes
import GatewayCore
import GatewayDevices
import GatewayForwarding
import GatewayStore
import Logging
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// The entry point: parses the arguments as the kernel passed them, even when the Swift runtime lost them.
@main
enum GatewayDaemonMain {
    static func main() async {
        await GatewayDaemon.main(ProcessArguments.current())
    }
}

/// `spd-gatewayd`: the gateway daemon.
struct GatewayDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spd-gatewayd",
        abstract: "The spd-gateway daemon: barcode scanners and smart cabinets in, consume and return events out.",
        discussion: """
            Runs under systemd (Type=notify) with the configuration in /etc/spd-gateway/gateway.toml.
            Stop with SIGTERM or SIGINT (graceful: events in flight are committed first); reload the
            configuration with SIGHUP (`systemctl reload spd-gatewayd`).

            Exit codes: 0 stopped cleanly, 1 runtime failure, 78 configuration error.
            """,
        version: GatewayVersion.current
    )

    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "path"))
    var config: String = GatewayConfig.defaultPath

    @Flag(name: .long, help: "Use the embedded demo configuration (the bundled simulators on this machine).")
    var demo = false

    @Flag(name: .long, help: "Validate the configuration, print the result, and exit (0 valid, 78 invalid).")
    var checkConfig = false

    @Flag(name: .long, help: "Print the embedded demo configuration and exit.")
    var printDemoConfig = false

    @Option(name: .long, help: ArgumentHelp("Overrides [gateway] state_directory.", valueName: "path"))
    var stateDirectory: String?

    func validate() throws {
        if let stateDirectory, !stateDirectory.hasPrefix("/") {
            throw ValidationError("--state-directory must be an absolute path, got '\(stateDirectory)'")
        }
    }

    func run() async throws {
        if printDemoConfig {
            print(DemoConfig.text, terminator: "")
            return
        }
        // A write past a file-size limit (RLIMIT_FSIZE) must fail with EFBIG, which the outbox reports as a storage
        // error for that one event, rather than kill the daemon with SIGXFSZ and every event in flight with it.
        signal(SIGXFSZ, SIG_IGN)
        let source: ConfigSource = demo ? .embeddedDemo : .file(config)
        let loaded: GatewayConfig
        do {
            loaded = try source.load()
        } catch {
            StandardError.write("spd-gatewayd: \(error)\n")
            throw ExitCode(78)  // EX_CONFIG: systemd's Restart=on-failure still applies, the log says why.
        }
        if checkConfig {
            print("configuration OK: \(source.name)")
            return
        }
        try await runDaemon(config: loaded, source: source)
    }

    func runDaemon(config: GatewayConfig, source: ConfigSource) async throws {
        let environment = ProcessEnvironment.current()
        let logControl = LogControl(settings: config.log, environment: environment["JOURNAL_STREAM"])
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, control: logControl) }
        var logger = Logger(label: "spd.gatewayd")
        logger[metadataKey: "gateway.id"] = "\(config.gateway.id)"

        let stateDirectory = stateDirectory ?? config.gateway.stateDirectory
            ?? environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
            ?? "/var/lib/spd-gateway"
        logger.info(
            "starting",
            metadata: [
                "version": "\(GatewayVersion.current)", "config.file": "\(source.name)",
                "state.directory": "\(stateDirectory)",
            ])

        // Trap SIGHUP before anything can announce readiness: its default action would end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let notifier = SystemdNotifier(environment: environment, logger: Logger(label: "spd.systemd"))
        // The appliers: `[log]` applies while running (GatewayConfig.reloadableSections); every other change, in
        // any section, is named as needing a restart rather than dropped with a "reloaded" that is not true.
        let reloadLog: ReloadService.Applier = { _, new in
            logControl.apply(new.log, journalStream: environment["JOURNAL_STREAM"])
            return []
        }
        // Against the configuration the daemon started with, not the last reload's: the daemon still runs on it,
        // so a second reload names the changes still waiting for a restart, and none once the file is back.
        let reloadRestartOnly: ReloadService.Applier = { _, new in new.changesNeedingRestart(since: config) }
        let clock = SystemClock()
        let outbox: Outbox
        do {
            try Posix.makeDirectory(stateDirectory, mode: 0o750)
            outbox = try Outbox.open(
                path: stateDirectory + "/outbox.sqlite", gatewayID: config.gateway.id,
                options: OutboxOptions(highWaterMark: config.outbox.highWaterMark))
        } catch {
            logger.critical(
                "cannot open the outbox", metadata: ["state.directory": "\(stateDirectory)", "error": "\(error)"])
            throw ExitCode(1)
        }
        // The catalogue cache resolves every scan; a damaged cache must not stop scanning (items resolve unknown).
        let cache: CatalogCache?
        do {
            // Opening may upgrade the file's schema, which takes a while for a big catalogue (37 s for 5 million
            // products on a 2-core VM, docs/cache.md "Schema"): more than systemd's start timeout on a slow
            // gateway, and a start killed midway rolls the upgrade back and tries again, forever. Ask for time.
            notifier.send(["EXTEND_TIMEOUT_USEC=600000000", "STATUS=opening the catalogue cache"])
            cache = try CatalogCache.open(path: stateDirectory + "/cache.sqlite")
            logger.info("catalogue cache open", metadata: ["catalog.version": "\(cache?.catalogVersion() ?? 0)"])
        } catch {
            cache = nil
            logger.error("cannot open the catalogue cache; scans resolve as unknown", metadata: ["error": "\(error)"])
        }
        var catalogVersion: (@Sendable () -> Int64?)?
        var catalogHandlers: [String: any BackendCommandHandler] = [:]
        if let cache {
            catalogVersion = { cache.catalogVersion() }
            catalogHandlers["catalog"] = CatalogCommandHandler(cache: cache, logger: Logger(label: "spd.catalog"))
        }
        let statistics = outbox.statistics()
        logger.info(
            "outbox open",
            metadata: [
                "outbox.depth": "\(statistics.depth)", "outbox.epoch": "\(outbox.epoch)",
                "outbox.next_seq": "\(statistics.nextSequence)",
            ])

        let observability = Observability(gateway: config.gateway, clock: clock)
        let observed = observability.observedSink(outbox)
        // One item, one code: a unique item consumed twice is flagged, whichever station scans it the second time.
        let sink: any EventSink = cache.map { ConsumptionCheckingSink(base: observed, ledger: $0) } ?? observed
        let cabinets: CabinetWiring
        do {
            cabinets = try CabinetWiring(
                config: config, stateDirectory: stateDirectory, sink: sink, checkpoints: outbox, catalogue: cache,
                observability: observability, clock: clock)
        } catch {
            logger.critical("cannot set up the cabinets", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }

        // Listed first so that it stops last: inputs stop accepting before the forwarder lets go.
        var services: [any Service] = []
        var forwarder: Forwarder?
        if let backend = config.backend {
            do {
                let created = try Forwarder(
                    settings: backend,
                    identity: GatewayIdentity(
                        gatewayID: config.gateway.id, site: config.gateway.site.isEmpty ? nil : config.gateway.site,
                        software: GatewayVersion.current),
                    outbox: outbox,
                    commandHandlers: cabinets.commandHandlers.merging(catalogHandlers) { $1 }.merging([
                        "config": ConfigCommandHandler(logControl: logControl, logger: Logger(label: "spd.config"))
                    ]) { $1 },
                    metrics: observability.metrics, logger: Logger(label: "spd.forwarder"),
                    catalogVersion: catalogVersion)
                forwarder = created
                services.append(created)
            } catch {
                logger.critical("cannot set up the backend connection", metadata: ["error": "\(error)"])
                throw ExitCode(78)
            }
        } else {
            logger.warning("no [backend] configured: events are kept in the outbox until one is")
        }
        services.append(
            OutboxAlarmService(
                outbox: outbox, sink: sink, station: config.gateway.id, clock: clock,
                logger: Logger(label: "spd.outbox")))
        services += cabinets.services
        let decoders = scanDecoders(cache: cache, clock: clock)
        if let scanner = config.networkScanner {
            services.append(
                NetworkScanListener(
                    settings: scanner, builder: ScanEventBuilder(decoder: decoders, resolver: cache),
                    sink: sink, clock: clock, logger: Logger(label: "spd.network-scanner")))
        }
        if config.control.enabled {
            let socketPath = config.control.socket
                ?? ControlSettings.defaultSocketPath(
                    runtimeDirectory: environment["RUNTIME_DIRECTORY"], stateDirectory: stateDirectory)
            let statusForwarder = forwarder
            services.append(
                ControlSocketService(
                    path: socketPath, gatewayID: config.gateway.id,
                    status: {
                        observability.report(
                            outbox: outbox, forwarder: statusForwarder,
                            cache: cache.map {
                                GatewayStatusReport.Cache(version: $0.catalogVersion(), products: nil, path: $0.path)
                            })
                    },
                    broadcaster: observability.broadcaster, logger: Logger(label: "spd.control")))
        }
        if let metrics = config.metrics, case .tcp(let host, let port) = metrics.listen {
            services.append(
                MetricsHTTPService(
                    host: host, port: port, render: { observability.renderMetrics(outbox: outbox) },
                    logger: Logger(label: "spd.metrics")))
        }
        if !config.scanners.isEmpty {
            var scanners = ScannerService(
                scanners: config.scanners, dock: config.dock,
                builder: ScanEventBuilder(decoder: decoders, resolver: cache),
                resolver: cache, sink: sink, clock: clock, logger: Logger(label: "spd.scanners"))
            scanners.cabinets = cabinets.controllers
            scanners.observability = observability
            services.append(scanners)
        }
        services += [
            ReloadService(
                hangups: hangups, source: source, initial: config, appliers: [reloadLog, reloadRestartOnly],
                notifier: notifier, logger: Logger(label: "spd.reload")),
            WatchdogService(
                notifier: notifier, readyStatus: "running", healthChecks: [{ outbox.healthProblem() }],
                logger: Logger(label: "spd.watchdog")),
        ]
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await outbox.close()
        logger.info("stopped")
    }
}
