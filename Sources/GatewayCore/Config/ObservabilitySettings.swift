/// `[control]`: the local control socket that `spd-gateway status` and `spd-gateway watch` talk to.
public struct ControlSettings: Sendable, Equatable {
    /// Path of the Unix socket; nil means `$RUNTIME_DIRECTORY/control.sock` under systemd (`/run/spd-gateway`,
    /// where `spd-gateway status` looks by default), else `control.sock` in the state directory.
    public var socket: String?
    /// False turns the control socket off.
    public var enabled: Bool

    public init(socket: String? = nil, enabled: Bool = true) {
        self.socket = socket
        self.enabled = enabled
    }

    /// Where the socket goes when `socket` is not set.
    public static func defaultSocketPath(runtimeDirectory: String?, stateDirectory: String) -> String {
        let directory = runtimeDirectory?.split(separator: ":").first.map(String.init) ?? stateDirectory
        return directory + "/control.sock"
    }

    /// Where operator tools look when not told: the systemd runtime directory of the packaged unit.
    public static let packagedSocketPath = "/run/spd-gateway/control.sock"

    static func read(_ section: ConfigSection) -> ControlSettings {
        var settings = ControlSettings()
        if let socket = section.string("socket", expected: "an absolute path") {
            if socket.hasPrefix("/") {
                settings.socket = socket
            } else {
                section.reportIssue("socket", "expected an absolute path, found \"\(socket)\"")
            }
        }
        if let enabled = section.boolean("enabled") { settings.enabled = enabled }
        return settings
    }
}

/// `[metrics]`: Prometheus metrics over HTTP (`GET /metrics`). Off unless this section is present.
public struct MetricsSettings: Sendable, Equatable {
    /// `tcp://HOST:PORT`; keep it on loopback or a management network: the page is not authenticated.
    public var listen: BackendEndpoint

    public init(listen: BackendEndpoint) {
        self.listen = listen
    }

    static func read(_ section: ConfigSection) -> MetricsSettings? {
        let expected = "\"tcp://HOST:PORT\", e.g. \"tcp://127.0.0.1:9464\""
        guard let address = section.requiredString("listen", expected: expected) else { return nil }
        guard let endpoint = BackendEndpoint.parse(address), case .tcp = endpoint else {
            section.reportIssue("listen", "expected \(expected), found \"\(address)\"")
            return nil
        }
        return MetricsSettings(listen: endpoint)
    }
}
