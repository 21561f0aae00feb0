/// Counters, gauges and histograms with labels, rendered in the Prometheus text exposition format (0.0.4).
///
/// Hand-written rather than swift-metrics + swift-prometheus: the gateway exports about a dozen series, and two
/// more packages would add build time and a global bootstrap for what fits in one file. Thread-safe; updates
/// are a lock and a dictionary lookup, cheap next to an fsync.
public final class MetricsRegistry: Sendable {
    /// Label names and values, in the order given at registration.
    public typealias Labels = [String]

    struct Family: Sendable {
        enum Kind: String, Sendable { case counter, gauge, histogram }
        var name: String
        var help: String
        var kind: Kind
        var labelNames: [String]
        var buckets: [Double] = []
        var values: [Labels: Double] = [:]
        var histograms: [Labels: HistogramValue] = [:]
    }

    struct HistogramValue: Sendable {
        var bucketCounts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    private let families = Locked<[String: Family]>([:])
    private let order = Locked<[String]>([])

    public init() {}

    /// Declares a counter (monotonic). Re-declaring a name keeps the existing series.
    public func declareCounter(_ name: String, help: String, labels: [String] = []) {
        declare(Family(name: name, help: help, kind: .counter, labelNames: labels))
    }

    /// Declares a gauge (set to the current value).
    public func declareGauge(_ name: String, help: String, labels: [String] = []) {
        declare(Family(name: name, help: help, kind: .gauge, labelNames: labels))
    }

    /// Declares a histogram with the given upper bounds (ascending; `+Inf` is implicit).
    public func declareHistogram(_ name: String, help: String, buckets: [Double], labels: [String] = []) {
        declare(Family(name: name, help: help, kind: .histogram, labelNames: labels, buckets: buckets.sorted()))
    }

    private func declare(_ family: Family) {
        let isNew = families.withLock { families in
            guard families[family.name] == nil else { return false }
            families[family.name] = family
            return true
        }
        if isNew { order.withLock { $0.append(family.name) } }
    }

    /// Adds `amount` to a counter (or gauge) series.
    public func increment(_ name: String, by amount: Double = 1, labels: Labels = []) {
        families.withLock { families in
            families[name]?.values[labels, default: 0] += amount
        }
    }

    /// Sets a gauge series.
    public func set(_ name: String, to value: Double, labels: Labels = []) {
        families.withLock { families in
            families[name]?.values[labels] = value
        }
    }

    /// Records one observation in a histogram series.
    public func observe(_ name: String, _ value: Double, labels: Labels = []) {
        families.withLock { families in
            guard var family = families[name], family.kind == .histogram else { return }
            var histogram = family.histograms[labels]
                ?? HistogramValue(bucketCounts: Array(repeating: 0, count: family.buckets.count))
            for (index, bound) in family.buckets.enumerated() where value <= bound {
                histogram.bucketCounts[index] += 1
            }
            histogram.sum += value
            histogram.count += 1
            family.histograms[labels] = histogram
            families[name] = family
        }
    }

    /// The current value of a counter or gauge series (0 when never touched); for tests and status.
    public func value(_ name: String, labels: Labels = []) -> Double {
        families.withLock { $0[name]?.values[labels] ?? 0 }
    }

    /// Observation count of a histogram series.
    public func observationCount(_ name: String, labels: Labels = []) -> UInt64 {
        families.withLock { $0[name]?.histograms[labels]?.count ?? 0 }
    }

    /// Every series in the Prometheus text format, families in declaration order, series sorted by labels.
    public func renderPrometheus() -> String {
        let names = order.withLock { $0 }
        let snapshot = families.withLock { $0 }
        var text = ""
        for name in names {
            guard let family = snapshot[name] else { continue }
            text += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.kind.rawValue)\n"
            switch family.kind {
            case .counter, .gauge:
                let series = family.values.isEmpty && family.labelNames.isEmpty ? [[]: 0] : family.values
                for labels in series.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    text += "\(name)\(Self.labelText(family.labelNames, labels)) \(Self.number(series[labels]!))\n"
                }
            case .histogram:
                for labels in family.histograms.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    let histogram = family.histograms[labels]!
                    for (index, bound) in family.buckets.enumerated() {
                        let labelText = Self.labelText(family.labelNames + ["le"], labels + [Self.number(bound)])
                        text += "\(name)_bucket\(labelText) \(histogram.bucketCounts[index])\n"
                    }
                    text += "\(name)_bucket\(Self.labelText(family.labelNames + ["le"], labels + ["+Inf"])) "
                        + "\(histogram.count)\n"
                    text += "\(name)_sum\(Self.labelText(family.labelNames, labels)) \(Self.number(histogram.sum))\n"
                    text += "\(name)_count\(Self.labelText(family.labelNames, labels)) \(histogram.count)\n"
                }
            }
        }
        return text
    }

    static func labelText(_ names: [String], _ values: Labels) -> String {
        guard !names.isEmpty else { return "" }
        let pairs = zip(names, values).map { name, value in "\(name)=\"\(escape(value))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
