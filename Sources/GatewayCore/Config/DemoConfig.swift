/// The configuration `spd-gatewayd --demo` runs with: the daemon against the bundled simulators on this
/// machine. It is also a worked example of a real configuration (`spd-gatewayd --print-demo-config`).
public enum DemoConfig {
    /// Name used for the embedded configuration in error messages.
    public static let fileName = "<embedded demo config>"

    /// The TOML text.
    public static let text = """
        # spd-gateway demo configuration: the daemon against the bundled simulators (spd-sim) on this machine.
        # Print it with `spd-gatewayd --print-demo-config` and edit it into /etc/spd-gateway/gateway.toml.

        [gateway]
        id = "demo-gw-01"
        site = "Demo hospital, cath lab 1"

        [log]
        level = "info"
        format = "auto"

        # The backend simulator (`spd-sim backend --listen tcp://127.0.0.1:7400`).
        [backend]
        address = "tcp://127.0.0.1:7400"
        window = 256
        heartbeat_interval = "5s"
        peer_timeout = "15s"
        reconnect_min = "100ms"
        reconnect_max = "5s"

        # PDAs and docks that send scans over the network, one code per line (answered "OK <event id>").
        [network_scanner]
        listen = "tcp://127.0.0.1:7410"
        station = "pda-dock-1"

        [outbox]
        high_water_mark = 10000

        """
}
