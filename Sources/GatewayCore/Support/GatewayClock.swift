#if canImport(Glibc)
import Glibc
#endif

/// The two clocks every event carries: wall time for people and the backend, monotonic time for ordering and
/// intervals (it does not jump when NTP or a person sets the wall clock). Injected everywhere, so session logic is
/// tested with a manual clock (`GatewayTesting.ManualClock`).
public protocol GatewayClock: Sendable {
    /// Unix time in milliseconds.
    func wallMilliseconds() -> Int64
    /// Nanoseconds since an arbitrary fixed point (boot).
    func monotonicNanoseconds() -> UInt64
}

/// The system's clocks (`CLOCK_REALTIME`, `CLOCK_MONOTONIC`).
public struct SystemClock: GatewayClock {
    public init() {}

    public func wallMilliseconds() -> Int64 { WallClock.nowMilliseconds() }

    public func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// Direct access to the wall clock, for log lines and status where injection buys nothing.
public enum WallClock {
    public static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
