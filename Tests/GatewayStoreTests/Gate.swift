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

    func wait() {
        state.withLock { $0.isWaiting = true }
        while !state.withLock({ $0.isOpen }) {
            // A test-only spin with a short sleep; the worker thread is not part of the cooperative pool.
            var pause = timespec(tv_sec: 0, tv_nsec: 200_000)
            nanosleep(&pause, nil)
        }
    }
}
