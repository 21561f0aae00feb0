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

        # Prometheus metrics for the demo (off unless configured).
        [metrics]
        listen = "tcp://127.0.0.1:9464"

        # Two scanners, played by `spd-sim scanner` on stand-in device nodes: a keyboard-wedge scanner at the
        # cath-lab cabinet (its scans go to the cabinet's session) and a serial scanner at a dock.
        [[scanner]]
        id = "cabinet-wedge"
        type = "evdev"
        path = "/tmp/spd-gateway-demo/cabinet-scanner"
        station = "cab-1"
        keymap = "us"

        [[scanner]]
        id = "dock-serial"
        type = "serial"
        path = "/tmp/spd-gateway-demo/dock-scanner"
        station = "dock-1"
        baud = 115200
        terminator = "cr"

        # At the dock: a wristband binds the items scanned after it to the patient; RETURN-MODE toggles returns.
        [dock]
        return_mode_code = "RETURN-MODE"
        binding_timeout = "10m"

        # The cabinet simulator (`spd-sim cabinet --tcp 127.0.0.1:7502`): an 8-channel I/O module for the door and
        # lock (unit 1) and a weighing module (unit 2).
        [[modbus_bus]]
        id = "cabinet-tcp"
        address = "tcp://127.0.0.1:7502"
        poll_interval = "100ms"

        [[cabinet]]
        id = "cab-1"
        bus = "cabinet-tcp"

        [[cabinet.device]]
        unit = 1
        profile = "io-8"
        count = 1

        [[cabinet.device]]
        unit = 2
        profile = "weight-16"
        count = 4

        [[cabinet.bin]]
        channel = "1"
        product = "09506000134352"
        name = "PTCA balloon catheter 2.5x15"
        unit_g = 12.5
        high_value = true

        [[cabinet.bin]]
        channel = "2"
        product = "04046719303427"
        name = "CVC kit, 3-lumen"
        unit_g = 12.5

        [[cabinet.bin]]
        channel = "3"
        product = "06901234567892"
        name = "Sterile gauze swab"
        unit_g = 12.5

        """
}
