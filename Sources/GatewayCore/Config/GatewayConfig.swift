/// The gateway's whole configuration, validated.
///
/// Loaded from TOML (default `/etc/spd-gateway/gateway.toml`); see `docs/configuration.md` for every key.
/// ``load(text:file:)`` either returns a complete, valid configuration or throws a ``ConfigError`` listing every
/// problem with file, line, key and what was expected: the daemon never starts half-configured.
public struct GatewayConfig: Sendable, Equatable {
    /// Identity of this gateway.
    public var gateway: GatewaySettings
    /// Logging.
    public var log: LogSettings
    /// The SPD backend; nil means events are kept in the outbox until a backend is configured.
    public var backend: BackendSettings?
    /// The durable event queue.
    public var outbox: OutboxSettings
    /// The network scan listener, if enabled.
    public var networkScanner: NetworkScannerSettings?
    /// The local control socket (status, watch).
    public var control = ControlSettings()
    /// Prometheus metrics; nil means off.
    public var metrics: MetricsSettings?
    /// `[[modbus_bus]]`: RS-485 lines and Modbus TCP servers.
    public var modbusBuses: [ModbusBusSettings] = []
    /// `[[cabinet]]`: smart cabinets on those buses.
    public var cabinets: [CabinetSettings] = []
    /// `[[scanner]]`: scanners read directly (keyboard wedge, HID-POS, serial).
    public var scanners: [ScannerSettings] = []
    /// `[dock]`: the dock workflow (patient / surgery binding, return mode); nil when absent.
    public var dock: DockSettings?

    public init(
        gateway: GatewaySettings, log: LogSettings = LogSettings(), backend: BackendSettings? = nil,
        outbox: OutboxSettings = OutboxSettings()
    ) {
        self.gateway = gateway
        self.log = log
        self.backend = backend
        self.outbox = outbox
    }

    /// Default path of the configuration file.
    public static let defaultPath = "/etc/spd-gateway/gateway.toml"

    /// Parses and validates a configuration document.
    /// - Parameters:
    ///   - text: the TOML text.
    ///   - file: the name used in error messages.
    public static func load(text: String, file: String) throws(ConfigError) -> GatewayConfig {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw ConfigError(
                code: .syntax,
                issues: [ConfigIssue(file: file, position: error.position, key: "", message: error.message)])
        }
        let diagnostics = ConfigDiagnostics(file: file)
        let document = ConfigSection(table: root, path: "", diagnostics: diagnostics)
        let config = read(document)
        document.finish()
        guard diagnostics.issues.isEmpty, let config else {
            throw ConfigError(code: .invalid, issues: diagnostics.issues)
        }
        return config
    }

    static func read(_ document: ConfigSection) -> GatewayConfig? {
        let gateway: GatewaySettings?
        if let section = document.section("gateway") {
            gateway = GatewaySettings.read(section)
            section.finish()
        } else {
            document.reportIssue("gateway", "missing table [gateway]; expected at least `id = \"...\"`")
            gateway = nil
        }
        let log = document.readSection("log", LogSettings.read) ?? LogSettings()
        let backend = document.readSection("backend", BackendSettings.read) ?? nil
        let outbox = document.readSection("outbox", OutboxSettings.read) ?? OutboxSettings()
        let networkScanner = document.readSection("network_scanner", NetworkScannerSettings.read) ?? nil
        let control = document.readSection("control", ControlSettings.read) ?? ControlSettings()
        let metrics = document.readSection("metrics", MetricsSettings.read) ?? nil
        let modbus = CabinetConfigReader.read(document)
        let scanners = ScannerSettings.readAll(document)
        let dock = document.readSection("dock", DockSettings.read)
        guard let gateway else { return nil }
        var config = GatewayConfig(gateway: gateway, log: log, backend: backend, outbox: outbox)
        config.networkScanner = networkScanner
        config.control = control
        config.metrics = metrics
        (config.modbusBuses, config.cabinets) = modbus
        config.scanners = scanners
        config.dock = dock
        return config
    }
}

/// `[gateway]`: who this gateway is.
public struct GatewaySettings: Sendable, Equatable {
    /// Stable identifier, unique per hospital: letters, digits, `.`, `_`, `-`; 1 to 64 characters. Part of every
    /// event id, so changing it starts a new event sequence at the backend.
    public var id: String
    /// Human name of the site or room, e.g. "Main campus, cath lab 2".
    public var site: String
    /// Where the outbox and cache live; nil means systemd's `$STATE_DIRECTORY`, else `/var/lib/spd-gateway`.
    public var stateDirectory: String?

    public init(id: String, site: String = "", stateDirectory: String? = nil) {
        self.id = id
        self.site = site
        self.stateDirectory = stateDirectory
    }

    static func read(_ section: ConfigSection) -> GatewaySettings? {
        let id = section.requiredString("id", expected: "an identifier such as \"or3-gw-01\"")
        if let id, !isValidIdentifier(id) {
            section.reportIssue(
                "id", "expected 1 to 64 letters, digits, '.', '_' or '-', found \"\(id)\"")
        }
        let site = section.string("site") ?? ""
        let stateDirectory = section.string("state_directory", expected: "an absolute path")
        if let stateDirectory, !stateDirectory.hasPrefix("/") {
            section.reportIssue("state_directory", "expected an absolute path, found \"\(stateDirectory)\"")
        }
        guard let id, isValidIdentifier(id) else { return nil }
        return GatewaySettings(id: id, site: site, stateDirectory: stateDirectory)
    }

    static func isValidIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }
}

/// `[log]`: how much to log and in which format. Reloadable with SIGHUP.
public struct LogSettings: Sendable, Equatable {
    /// Severity threshold, lowest to highest.
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Line format on stderr.
    public enum Format: String, Sendable, CaseIterable {
        /// `journal` when stderr is connected to journald (`$JOURNAL_STREAM`), else `text`.
        case auto
        /// `<N>` syslog priority prefix, no timestamp (journald adds its own).
        case journal
        /// Timestamp, level and message, for terminals and files.
        case text
    }

    public var level: Level
    public var format: Format

    public init(level: Level = .info, format: Format = .auto) {
        self.level = level
        self.format = format
    }

    static func read(_ section: ConfigSection) -> LogSettings {
        var settings = LogSettings()
        if let level = section.choice("level", as: Level.self) { settings.level = level }
        if let format = section.choice("format", as: Format.self) { settings.format = format }
        return settings
    }
}
