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

        """
}
