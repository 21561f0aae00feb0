import GatewayCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A latch the worker thread blocks on (only tests block that thread).
final class Gate: Sendable {
    private let state = Locked((isOpen: false, isWaiting: false))

    var isWaiting: Bool { state.withLock { $0.isWaiting } }

    func open() { state.withLock { $0.isOpen = true } }

    /// Blocks until opened, or until `limit` passed: a test that failed before opening the gate must not hold the
    /// worker thread (and with it the whole test run) forever.
    func wait(limit: Duration = .seconds(120)) {
        state.withLock { $0.isWaiting = true }
        let deadline = ContinuousClock.now + limit
        while !state.withLock({ $0.isOpen }) && ContinuousClock.now < deadline {
            // A test-only spin with a short sleep; the worker thread is not part of the cooperative pool.
            var pause = timespec(tv_sec: 0, tv_nsec: 200_000)
            nanosleep(&pause, nil)
        }
    }
}
