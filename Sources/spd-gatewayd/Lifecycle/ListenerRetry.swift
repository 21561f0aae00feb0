import GatewayCore
import Logging
import ServiceLifecycle

/// Runs a listener until it returns (graceful shutdown). A listener that cannot bind (address in use, a bad path or
/// interface) must not take the scanners and cabinets down with it: the failure is logged and retried with
/// backoff, like any misbehaving device.
/// - Parameters:
///   - what: names the listener in the log line, e.g. "network scanner".
///   - metadata: where it listens, for the log line.
func runListenerRetrying(
    _ what: String, metadata: Logger.Metadata, logger: Logger, _ listen: () async throws -> Void
) async {
    var backoff = ReconnectBackoff(minimum: .milliseconds(500), maximum: .seconds(30))
    var random = SystemRandomNumberGenerator()
    while !Task.isShuttingDownGracefully {
        do {
            try await listen()
            return
        } catch {
            let delay = backoff.nextDelay(using: &random)
            let details = metadata.merging(["error": "\(error)", "retry.delay": "\(delay)"]) { $1 }
            logger.error("\(what) cannot listen; retrying", metadata: details)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        }
    }
}
