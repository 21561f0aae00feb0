/// The software version, reported by `--version`, in the log at start-up, and in the protocol's `hello`.
public enum GatewayVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
