import GatewayCore

/// A clock that moves only when told to: session logic is tested against it, never against real time.
public final class ManualClock: GatewayClock {
    private let now: Locked<(wall: Int64, monotonic: UInt64)>

    /// - Parameter wallMilliseconds: the starting wall time (default 2026-11-23T08:00:00Z).
    public init(wallMilliseconds: Int64 = 1_795_420_800_000, monotonicNanoseconds: UInt64 = 1_000_000_000) {
        now = Locked((wallMilliseconds, monotonicNanoseconds))
    }

    public func wallMilliseconds() -> Int64 { now.withLock { $0.wall } }
    public func monotonicNanoseconds() -> UInt64 { now.withLock { $0.monotonic } }

    /// Moves both clocks forward.
    public func advance(by duration: Duration) {
        let nanoseconds = UInt64(duration.components.seconds) * 1_000_000_000
            + UInt64(duration.components.attoseconds / 1_000_000_000)
        now.withLock {
            $0.monotonic += nanoseconds
            $0.wall += Int64(nanoseconds / 1_000_000)
        }
    }

    /// Sets the wall clock alone (an NTP step or a person changing the time); monotonic time is unaffected.
    public func setWall(milliseconds: Int64) {
        now.withLock { $0.wall = milliseconds }
    }
}

/// A small seeded generator so randomised tests and simulations repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
