import GatewayDevices
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Speaks the sd_notify protocol: one datagram of `KEY=VALUE` lines to `$NOTIFY_SOCKET`. Without that variable
/// (not started by systemd) every call is a no-op, so the daemon runs the same by hand.
struct SystemdNotifier: Sendable {
    let socketPath: String?
    /// Watchdog interval systemd asked for (`$WATCHDOG_USEC`), if it applies to this process (`$WATCHDOG_PID`).
    let watchdogInterval: Duration?
    let logger: Logger

    init(environment: [String: String], logger: Logger) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if forUs, let micros = environment["WATCHDOG_USEC"].flatMap(Int64.init), micros > 0 {
            watchdogInterval = .microseconds(micros)
        } else {
            watchdogInterval = nil
        }
        self.logger = logger
    }

    func ready(status: String) { send(["READY=1", "STATUS=\(status)", "MAINPID=\(getpid())"]) }
    func reloading() { send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"]) }
    func stopping() { send(["STOPPING=1", "STATUS=stopping"]) }
    func watchdog() { send(["WATCHDOG=1"]) }
    func status(_ text: String) { send(["STATUS=\(text)"]) }

    func send(_ assignments: [String]) {
        guard let socketPath else { return }
        do {
            try Posix.sendDatagram(Array(assignments.joined(separator: "\n").utf8), toUnixSocket: socketPath)
        } catch {
            // Failing to notify is worth a warning, not a shutdown: systemd will act on the missing message.
            logger.warning("sd_notify failed", metadata: ["error": "\(error)", "notify.socket": "\(socketPath)"])
        }
    }

    static func monotonicMicroseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    }
}
