/// Where the SPD backend listens.
public enum BackendEndpoint: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    /// Parses `tcp://HOST:PORT` (IPv6 as `tcp://[::1]:7400`) or `unix:/absolute/path`.
    public static func parse(_ text: String) -> BackendEndpoint? {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            return path.hasPrefix("/") && path.utf8.count < 108 ? .unix(path: path) : nil
        }
        guard text.hasPrefix("tcp://") else { return nil }
        let rest = text.dropFirst(6)
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":") else { return nil }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains("/"), let port = Int(portText), (1...65535).contains(port) else {
            return nil
        }
        return .tcp(host: String(host), port: port)
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}

/// `[backend]`: the connection to the SPD backend.
public struct BackendSettings: Sendable, Equatable {
    public var endpoint: BackendEndpoint
    /// Most events sent and not yet acknowledged.
    public var window: Int = 256
    /// How often to send a heartbeat when idle.
    public var heartbeatInterval: Duration = .seconds(10)
    /// Silence from the backend longer than this closes the connection as dead.
    public var peerTimeout: Duration = .seconds(30)
    /// The oldest event in flight unacknowledged (neither cumulatively nor by id) for longer than this, on a
    /// connection that is otherwise alive, closes the connection: the backend is stuck on it, and the next hello
    /// lets it resume.
    public var ackTimeout: Duration = .seconds(60)
    public var connectTimeout: Duration = .seconds(5)
    public var reconnectMinimum: Duration = .milliseconds(200)
    public var reconnectMaximum: Duration = .seconds(30)
    /// Longest accepted line from the backend.
    public var maximumLineBytes: Int = 1 << 20
    /// TLS, when `[backend.tls]` is present.
    public var tls: TLSSettings?

    public init(endpoint: BackendEndpoint) {
        self.endpoint = endpoint
    }

    static func read(_ section: ConfigSection) -> BackendSettings? {
        let expected = "\"tcp://HOST:PORT\" or \"unix:/absolute/path\""
        var endpoint: BackendEndpoint?
        if let address = section.requiredString("address", expected: expected) {
            endpoint = BackendEndpoint.parse(address)
            if endpoint == nil { section.reportIssue("address", "expected \(expected), found \"\(address)\"") }
        }
        var settings = BackendSettings(endpoint: endpoint ?? .unix(path: "/"))
        if let window = section.integer("window", in: 1...65536) { settings.window = Int(window) }
        if let value = section.duration("heartbeat_interval", in: .milliseconds(100)...(.seconds(3600))) {
            settings.heartbeatInterval = value
        }
        if let value = section.duration("peer_timeout", in: .milliseconds(300)...(.seconds(3 * 3600))) {
            settings.peerTimeout = value
        }
        if let value = section.duration("ack_timeout", in: .milliseconds(100)...(.seconds(3 * 3600))) {
            settings.ackTimeout = value
        }
        if let value = section.duration("connect_timeout", in: .milliseconds(100)...(.seconds(300))) {
            settings.connectTimeout = value
        }
        if let value = section.duration("reconnect_min", in: .milliseconds(10)...(.seconds(600))) {
            settings.reconnectMinimum = value
        }
        if let value = section.duration("reconnect_max", in: .milliseconds(10)...(.seconds(3600))) {
            settings.reconnectMaximum = value
        }
        if let bytes = section.integer("max_line_bytes", in: 1024...(64 << 20)) {
            settings.maximumLineBytes = Int(bytes)
        }
        if let tls = section.readSection("tls", TLSSettings.read) { settings.tls = tls }
        if settings.peerTimeout <= settings.heartbeatInterval {
            section.reportIssue(
                "peer_timeout",
                "must be longer than heartbeat_interval (\(DurationText.format(settings.heartbeatInterval))); "
                    + "three times as long is usual")
        }
        if settings.reconnectMaximum < settings.reconnectMinimum {
            section.reportIssue("reconnect_max", "must not be shorter than reconnect_min")
        }
        return endpoint == nil ? nil : settings
    }
}

/// `[backend.tls]`: TLS to the backend, optionally with a client certificate (mutual TLS).
public struct TLSSettings: Sendable, Equatable {
    /// PEM file with the CA certificates to trust; nil trusts the system's store.
    public var caFile: String?
    /// PEM file with this gateway's certificate chain, for backends that require client certificates.
    public var certificateFile: String?
    /// PEM file with the private key of `certificateFile`.
    public var privateKeyFile: String?
    /// Name for SNI and certificate verification; nil uses the host of `address` (when it is a name).
    public var serverName: String?

    public init(
        caFile: String? = nil, certificateFile: String? = nil, privateKeyFile: String? = nil, serverName: String? = nil
    ) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.serverName = serverName
    }

    static func read(_ section: ConfigSection) -> TLSSettings {
        var settings = TLSSettings()
        for (key, path) in [
            ("ca_file", \TLSSettings.caFile), ("certificate_file", \TLSSettings.certificateFile),
            ("private_key_file", \TLSSettings.privateKeyFile),
        ] {
            guard let value = section.string(key, expected: "an absolute path to a PEM file") else { continue }
            if value.hasPrefix("/") {
                settings[keyPath: path] = value
            } else {
                section.reportIssue(key, "expected an absolute path to a PEM file, found \"\(value)\"")
            }
        }
        settings.serverName = section.string("server_name", expected: "a host name such as \"spd.hospital.local\"")
        if (settings.certificateFile == nil) != (settings.privateKeyFile == nil) {
            section.reportIssue(
                settings.certificateFile == nil ? "private_key_file" : "certificate_file",
                "certificate_file and private_key_file go together: set both for a client certificate, or neither")
        }
        return settings
    }
}

/// `[outbox]`: the durable event queue.
public struct OutboxSettings: Sendable, Equatable {
    /// Above this many unacknowledged events an alarm is raised; events still go to disk.
    public var highWaterMark: Int = 100_000

    public init() {}

    static func read(_ section: ConfigSection) -> OutboxSettings {
        var settings = OutboxSettings()
        if let mark = section.integer("high_water_mark", in: 1...1_000_000_000) { settings.highWaterMark = Int(mark) }
        return settings
    }
}

/// `[network_scanner]`: a TCP listener for PDAs and docks that send scans over the network, one code per line.
/// Off unless the section is present.
public struct NetworkScannerSettings: Sendable, Equatable {
    public var listen: BackendEndpoint
    /// The station the scans belong to.
    public var station: String

    public init(listen: BackendEndpoint, station: String) {
        self.listen = listen
        self.station = station
    }

    static func read(_ section: ConfigSection) -> NetworkScannerSettings? {
        let expected = "\"tcp://HOST:PORT\" or \"unix:/absolute/path\""
        var endpoint: BackendEndpoint?
        if let address = section.requiredString("listen", expected: expected) {
            endpoint = BackendEndpoint.parse(address)
            if endpoint == nil { section.reportIssue("listen", "expected \(expected), found \"\(address)\"") }
        }
        let station = section.requiredString("station", expected: "a station id such as \"pda-dock-1\"")
        if let station, !GatewaySettings.isValidIdentifier(station) {
            section.reportIssue("station", "expected 1 to 64 letters, digits, '.', '_' or '-', found \"\(station)\"")
        }
        guard let endpoint, let station, GatewaySettings.isValidIdentifier(station) else { return nil }
        return NetworkScannerSettings(listen: endpoint, station: station)
    }
}
