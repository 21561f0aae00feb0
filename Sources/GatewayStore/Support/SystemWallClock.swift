#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's real-time clock, for the default of injected clocks.
public enum SystemWallClock {
    /// Unix time in milliseconds (`CLOCK_REALTIME`).
    @Sendable public static func milliseconds() -> Int64 {
        var now = timespec()
        // clock_gettime(CLOCK_REALTIME) cannot fail with a valid pointer.
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
