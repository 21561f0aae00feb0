import GatewayCore
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP (`systemctl reload spd-gatewayd`).
///
/// A reload is all or nothing: the new file is validated in full first; if it has any error the daemon keeps
/// running on the old configuration and logs every issue. Settings that can change at run time are applied by
/// the registered appliers; a changed setting that needs a restart is named in the log, not silently ignored.
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
                } else {
                    logger.warning(
                        "configuration reloaded; some changes take effect only after a restart",
                        metadata: ["restart.keys": "\(needRestart.joined(separator: ", "))"])
                }
                notifier.ready(status: "running (reloaded)")
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
