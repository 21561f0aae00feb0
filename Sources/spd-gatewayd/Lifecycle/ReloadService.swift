import GatewayCore
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP (`systemctl reload spd-gatewayd`).
///
/// A reload is all or nothing: the new file is validated in full first; if it has any error the daemon keeps
/// running on the old configuration and logs every issue. Settings that can change at run time are applied by
/// the registered appliers; a changed setting that needs a restart is named in the log and the systemd status, not
/// silently ignored.
struct ReloadService: Service {
    /// Applies a new configuration to one component; returns the keys it could not apply without a restart.
    typealias Applier = @Sendable (_ old: GatewayConfig, _ new: GatewayConfig) -> [String]

    /// Created before the service group starts, so that a SIGHUP sent right after READY=1 is not fatal.
    let hangups: UnixSignalsSequence
    let source: ConfigSource
    let initial: GatewayConfig
    let appliers: [Applier]
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        var current = initial
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            logger.notice("SIGHUP: reloading configuration", metadata: ["config.file": "\(source.name)"])
            do {
                let next = try source.load()
                let needRestart = appliers.flatMap { $0(current, next) }
                current = next
                if needRestart.isEmpty {
                    logger.notice("configuration reloaded")
                    notifier.ready(status: "running (reloaded)")
                } else {
                    // Said in the message itself, not only in metadata: the daemon keeps running on the old values
                    // of these keys (e.g. the old backend) until `systemctl restart spd-gatewayd`.
                    let keys = needRestart.joined(separator: ", ")
                    logger.warning(
                        "configuration reloaded; these changes need a restart: \(keys)",
                        metadata: ["restart.keys": "\(keys)"])
                    notifier.ready(status: "running (reloaded; these changes need a restart: \(keys))")
                }
            } catch {
                for issue in error.issues {
                    logger.error("reload rejected: \(issue)")
                }
                logger.error("reload rejected; still running on the previous configuration")
                notifier.ready(status: "running (last reload rejected: \(error.issues.count) issue(s))")
            }
        }
    }
}

/// Where the configuration comes from: a file, or the embedded demo configuration.
enum ConfigSource: Sendable {
    case file(String)
    case embeddedDemo

    var name: String {
        switch self {
        case .file(let path): path
        case .embeddedDemo: DemoConfig.fileName
        }
    }

    func load() throws(ConfigError) -> GatewayConfig {
        switch self {
        case .file(let path): try GatewayConfig.load(path: path)
        case .embeddedDemo: try GatewayConfig.load(text: DemoConfig.text, file: DemoConfig.fileName)
        }
    }
}
