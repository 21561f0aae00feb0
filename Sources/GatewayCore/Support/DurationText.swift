/// Reads and writes durations as operators write them in config files: `"250ms"`, `"30s"`, `"5m"`, `"1h"`.
public enum DurationText {
    /// The longest duration read: 100 years. Longer ones are nil, like malformed ones (a config key's own range is
    /// far below it), because they do not fit the integer nanoseconds the clocks count in.
    public static let maximumMilliseconds: Double = 100 * 365.25 * 86_400_000

    /// Parses a non-negative integer or decimal followed by `ms`, `s`, `m` or `h`; nil if malformed or longer than
    /// ``maximumMilliseconds``.
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "5ms" also ends in "s": the number part of the wrong split is not a number, so the loop moves on.
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value.isFinite
            else { continue }
            let milliseconds = (value * unit.milliseconds).rounded()
            // Checked before the conversion: Int64(_:) traps on a Double it cannot hold.
            guard milliseconds <= maximumMilliseconds else { return nil }
            return .milliseconds(Int64(milliseconds))
        }
        return nil
    }

    /// Formats a duration with the largest unit that keeps it whole.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 3_600_000 == 0, milliseconds != 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0, milliseconds != 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}
