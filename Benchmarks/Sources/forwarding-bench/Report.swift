import Foundation

/// Prints the figures: a row per run, best and median over the runs, and one summary line that is easy to
/// compare (and grep) across runs and machines.
enum Report {
    static func printHeader(_ options: BenchmarkOptions, probe: DiskSyncProbe) {
        let load = options.eventsPerSecond.map { "paced at \($0) events/s" } ?? "closed loop"
        let window = options.window.map(String.init) ?? "default"
        let sync = probe.writeAndSync
        print("""
            forwarding-bench \(options.scenarioName): \(options.events) events, \(options.producers) producers, \
            \(load), \(options.runs) runs, window \(window), poll every \(options.pollMicroseconds) us
            outbox directory \(options.directory) on \(probe.fileSystem); 4 KiB write+fdatasync there, \
            one thread, before the runs: p50 \(ms(sync.p50)) p99 \(ms(sync.p99)) max \(ms(sync.maximum)) ms
            """)
        print("ack in = the backend's ack arrived at the forwarder (the goal's \"acked\"); "
            + "deleted = the outbox's deletion committed")
        print(row(["run", "accepted/s", "acked/s", "ack in p50", "p90", "p99", "p99.9", "max", "deleted p50", "p99",
                   "append p50", "p99", "commits a/k", "depth max", "poll p50/p99/max us"]))
    }

    static func printRun(_ number: Int, _ run: RunMeasurements) {
        let e2e = run.acceptToAckReceived
        let deleted = run.acceptToAcknowledged
        print(row([
            "\(number)", rate(run.acceptedPerSecond), rate(run.acknowledgedPerSecond), ms(e2e.p50), ms(e2e.p90),
            ms(e2e.p99), ms(e2e.p999), ms(e2e.maximum), ms(deleted.p50), ms(deleted.p99),
            ms(run.appendLatency.p50), ms(run.appendLatency.p99),
            "\(run.appendCommitsSeen)/\(run.acknowledgementCommitsSeen)", "\(run.maximumDepth)",
            "\(run.pollGap.p50 / 1000)/\(run.pollGap.p99 / 1000)/\(run.pollGap.maximum / 1000)",
        ]))
        let backend = run.backendCounters
        var notes: [String] = []
        if backend["unique"] != run.events || backend["duplicates", default: 0] != 0 {
            notes.append("backend counted \(backend) (expected unique=\(run.events) duplicates=0)")
        }
        if run.acknowledgedBeforeStamped > 0 {
            notes.append("\(run.acknowledgedBeforeStamped) events were acked before their producer resumed")
        }
        if let cost = run.processorCost {
            notes.append(
                "CPU per event: benchmark process \(String(format: "%.1f", cost.benchmarkMicrosecondsPerEvent)) us, "
                    + "backend simulator \(String(format: "%.1f", cost.simulatorMicrosecondsPerEvent)) us; machine "
                    + "steal \(String(format: "%.1f", cost.stealPercent)) %, "
                    + "iowait \(String(format: "%.1f", cost.ioWaitPercent)) %")
        }
        let tail = run.tail
        if tail.slowEvents > 0 {
            notes.append(
                "\(tail.slowEvents) events over 5 ms in \(tail.bursts) bursts (largest \(tail.largestBurst) events, "
                    + "from \(String(format: "%.2f", tail.largestBurstAt)) s)")
        }
        for note in notes { print("    note: \(note)") }
    }

    /// Best and median over the runs, then the one-line summary.
    static func printSummary(_ options: BenchmarkOptions, _ runs: [RunMeasurements]) {
        let acked = Spread(runs.map(\.acknowledgedPerSecond), higherIsBetter: true)
        let accepted = Spread(runs.map(\.acceptedPerSecond), higherIsBetter: true)
        let p50 = Spread(runs.map { Double($0.acceptToAckReceived.p50) }, higherIsBetter: false)
        let p99 = Spread(runs.map { Double($0.acceptToAckReceived.p99) }, higherIsBetter: false)
        let maximum = Spread(runs.map { Double($0.acceptToAckReceived.maximum) }, higherIsBetter: false)
        let deletedP50 = Spread(runs.map { Double($0.acceptToAcknowledged.p50) }, higherIsBetter: false)
        let deletedP99 = Spread(runs.map { Double($0.acceptToAcknowledged.p99) }, higherIsBetter: false)
        let appendP50 = Spread(runs.map { Double($0.appendLatency.p50) }, higherIsBetter: false)
        let appendP99 = Spread(runs.map { Double($0.appendLatency.p99) }, higherIsBetter: false)
        print(row(["best", rate(accepted.best), rate(acked.best), ms(p50.best), "", ms(p99.best), "", ms(maximum.best),
                   ms(deletedP50.best), ms(deletedP99.best), ms(appendP50.best), ms(appendP99.best)]))
        print(row(["median", rate(accepted.median), rate(acked.median), ms(p50.median), "", ms(p99.median), "",
                   ms(maximum.median), ms(deletedP50.median), ms(deletedP99.median), ms(appendP50.median),
                   ms(appendP99.median)]))
        // Closed loop: at least 5,000/s. Paced: the offered rate (>= 5,000/s) kept up with, within 1 %.
        let throughput: String
        if let offered = options.eventsPerSecond {
            throughput = offered < 5_000
                ? "n/a (paced below 5000/s)" : acked.median >= 0.99 * Double(offered) ? "met" : "MISSED"
        } else {
            throughput = acked.median >= 5_000 ? "met" : "MISSED"
        }
        let latencyMet = p99.median < 5_000_000
        print("""
            SUMMARY forwarding \(options.scenarioName) events=\(options.events) runs=\(runs.count) | \
            acked/s median \(rate(acked.median)) best \(rate(acked.best)) | \
            accepted/s median \(rate(accepted.median)) | \
            accept->ack ms p50 \(ms(p50.median)) p99 \(ms(p99.median)) (best \(ms(p99.best))) \
            max \(ms(maximum.median)) | accept->deleted ms p50 \(ms(deletedP50.median)) p99 \(ms(deletedP99.median)) | \
            append ms p50 \(ms(appendP50.median)) p99 \(ms(appendP99.median)) | \
            goals >=5000/s \(throughput), p99<5ms \(latencyMet ? "met" : "MISSED")
            """)
    }

    /// Best and median of one figure over the runs.
    struct Spread {
        var best: Double
        var median: Double

        init(_ values: [Double], higherIsBetter: Bool) {
            let sorted = values.sorted()
            best = (higherIsBetter ? sorted.last : sorted.first) ?? 0
            median = sorted.isEmpty ? 0
                : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    static func ms<T: BinaryInteger>(_ nanoseconds: T) -> String { ms(Double(nanoseconds)) }
    static func ms(_ nanoseconds: Double) -> String { String(format: "%.2f", nanoseconds / 1e6) }
    static func rate(_ perSecond: Double) -> String { String(Int(perSecond.rounded())) }

    static let widths = [6, 10, 8, 10, 7, 7, 7, 7, 11, 7, 10, 6, 12, 9, 19]

    static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: " ")
    }
}
