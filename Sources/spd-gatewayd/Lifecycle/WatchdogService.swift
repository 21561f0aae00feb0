import Logging
import ServiceLifecycle

/// Tells systemd the daemon is ready, keeps its watchdog fed while the daemon's health checks pass, and says
/// STOPPING when graceful shutdown begins.
///
/// The pings come from the cooperative thread pool, so a starved or deadlocked runtime stops them and systemd
/// restarts the daemon. The health checks stop them too: the outbox's thread stuck on one batch of work (its
/// storage stopped answering; every scan and door event waits on it).
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let readyStatus: String
    let healthChecks: [@Sendable () -> String?]
    let logger: Logger

    func run() async throws {
        notifier.ready(status: readyStatus)
        logger.info("ready", metadata: ["status": "\(readyStatus)"])
        defer { notifier.stopping() }
        guard let interval = notifier.watchdogInterval else {
            // No watchdog requested: wait for shutdown only.
            try? await gracefulShutdown()
            return
        }
        // Half the interval, as sd_watchdog_enabled(3) recommends.
        let period = interval / 2
        while !Task.isShuttingDownGracefully {
            let failures = healthChecks.compactMap { $0() }
            if failures.isEmpty {
                notifier.watchdog()
            } else {
                logger.error("health check failed; not feeding the watchdog", metadata: ["failures": "\(failures)"])
                notifier.status("unhealthy: \(failures.joined(separator: "; "))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }
}
