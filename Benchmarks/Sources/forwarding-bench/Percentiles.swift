/// Nearest-rank percentiles of a sample of durations in nanoseconds.
struct Percentiles: Sendable {
    var p50: UInt64 = 0
    var p90: UInt64 = 0
    var p99: UInt64 = 0
    var p999: UInt64 = 0
    var maximum: UInt64 = 0
    var count = 0

    init(_ samples: [UInt64]) {
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        func rank(_ fraction: Double) -> UInt64 {
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        p999 = rank(0.999)
        maximum = sorted[sorted.count - 1]
        count = sorted.count
    }
}
