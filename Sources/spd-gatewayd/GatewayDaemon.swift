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

/// `spd-gatewayd`: the gateway daemon.
@main
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
        let reloadLog: ReloadService.Applier = { _, new in
            logControl.apply(new.log, journalStream: environment["JOURNAL_STREAM"])
            return []
        }
        let reloadIdentity: ReloadService.Applier = { old, new in
            var keys: [String] = []
            if old.gateway.id != new.gateway.id { keys.append("gateway.id") }
            if old.gateway.stateDirectory != new.gateway.stateDirectory { keys.append("gateway.state_directory") }
            if old.scanners != new.scanners { keys.append("scanner") }
            if old.dock != new.dock { keys.append("dock") }
            return keys
        }
        let clock = SystemClock()
        let outbox: Outbox
        do {
            try Posix.makeDirectory(stateDirectory, mode: 0o750)
            outbox = try Outbox.open(
                path: stateDirectory + "/outbox.sqlite", gatewayID: config.gateway.id,
                options: OutboxOptions(highWaterMark: config.outbox.highWaterMark))
        } catch {
            logger.critical("cannot open the outbox", metadata: ["state.directory": "\(stateDirectory)", "error": "\(error)"])
            throw ExitCode(1)
        }
        let statistics = outbox.statistics()
        logger.info(
            "outbox open",
            metadata: [
                "outbox.depth": "\(statistics.depth)", "outbox.epoch": "\(outbox.epoch)",
                "outbox.next_seq": "\(statistics.nextSequence)",
            ])

        // Listed first so that it stops last: inputs stop accepting before the forwarder lets go.
        var services: [any Service] = []
        if let backend = config.backend {
            do {
                services.append(
                    try Forwarder(
                        settings: backend,
                        identity: GatewayIdentity(
                            gatewayID: config.gateway.id, site: config.gateway.site.isEmpty ? nil : config.gateway.site,
                            software: GatewayVersion.current),
                        outbox: outbox, logger: Logger(label: "spd.forwarder")))
            } catch {
                logger.critical("cannot set up the backend connection", metadata: ["error": "\(error)"])
                throw ExitCode(78)
            }
        } else {
            logger.warning("no [backend] configured: events are kept in the outbox until one is")
        }
        services.append(
            OutboxAlarmService(outbox: outbox, station: config.gateway.id, clock: clock, logger: Logger(label: "spd.outbox")))
        if let scanner = config.networkScanner {
            let options = DecodeOptions(referenceDate: CivilDate(unixMilliseconds: clock.wallMilliseconds()))
            let decoder = CodeDecoder(options: options)
            // The first decode builds the decoder's tables; pay for it now rather than on a nurse's first scan.
            _ = decoder.decode("0109506000134352")
            services.append(
                NetworkScanListener(
                    settings: scanner, builder: ScanEventBuilder(decoder: decoder), sink: outbox,
                    clock: clock, logger: Logger(label: "spd.network-scanner")))
        }
        if !config.scanners.isEmpty {
            let options = DecodeOptions(referenceDate: CivilDate(unixMilliseconds: clock.wallMilliseconds()))
            services.append(
                ScannerService(
                    scanners: config.scanners, dock: config.dock, builder: ScanEventBuilder(decoder: CodeDecoder(options: options)),
                    resolver: nil, sink: outbox, clock: clock, logger: Logger(label: "spd.scanners")))
        }
        services += [
            ReloadService(
                hangups: hangups, source: source, initial: config, appliers: [reloadLog, reloadIdentity],
                notifier: notifier, logger: Logger(label: "spd.reload")),
            WatchdogService(
                notifier: notifier, readyStatus: "running", healthChecks: [], logger: Logger(label: "spd.watchdog")),
        ]
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await outbox.close()
        logger.info("stopped")
    }
}
