/// Exponential backoff with jitter for reconnecting to a peer (the backend, a Modbus slave, a scanner).
///
/// Each failure doubles the base delay (`minimum` for the first) up to `maximum`; the delay actually used is drawn
/// from `base ... 2 * base` ("equal jitter" on twice the base), so a hundred gateways restarted by one power cut do
/// not reconnect in lockstep. Bounds hold for every delay: never shorter than `minimum` (the documented first
/// delay, `reconnect_min`), never longer than `maximum` (at the cap the draw is from `maximum / 2 ... maximum`).
public struct ReconnectBackoff: Sendable, Equatable {
    public var minimum: Duration
    public var maximum: Duration
    public var multiplier: Double
    /// Consecutive failures since the last success.
    public private(set) var failures = 0

    public init(minimum: Duration = .milliseconds(200), maximum: Duration = .seconds(30), multiplier: Double = 2) {
        precondition(minimum > .zero && maximum >= minimum && multiplier >= 1)
        self.minimum = minimum
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The base delay for the current failure count, before jitter.
    public var baseDelay: Duration {
        let factor = Double.minimum(pow2(Double(failures), multiplier), 1e9)
        let scaled = minimum * factor
        return scaled > maximum ? maximum : scaled
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Duration {
        let upper = Swift.min(baseDelay * 2, maximum)
        failures += 1
        let lower = Swift.max(upper / 2, minimum)
        let jitter = Double.random(in: 0...1, using: &generator)
        return lower + (upper - lower) * jitter
    }

    /// Records a success: the next failure starts again from `minimum`.
    public mutating func reset() {
        failures = 0
    }

    private func pow2(_ exponent: Double, _ base: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 && result < 1e9 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
