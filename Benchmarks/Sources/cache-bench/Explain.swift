import Foundation
import GatewayCodes
import GatewayStore

#if canImport(Glibc)
import Glibc
#endif

/// What this thread's counters say happened during one resolution: page reads (read system calls; SQLite reads
/// a page with one `pread`), minor page faults and context switches.
struct ThreadCounters {
    var readCalls = 0
    var minorFaults = 0
    var contextSwitches = 0

    /// Now. `ioFile` is `/proc/thread-self/io`, open; reading it is itself one read system call.
    static func now(_ ioFile: Int32) -> ThreadCounters {
        var counters = ThreadCounters()
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD (Glibc does not export the name)
        counters.minorFaults = usage.ru_minflt
        counters.contextSwitches = usage.ru_nvcsw + usage.ru_nivcsw
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(ioFile, &buffer, buffer.count, 0)
        guard count > 0 else { return counters }
        for line in String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n")
        where line.hasPrefix("syscr:") {
            counters.readCalls = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return counters
    }
}

/// One resolution of the `--explain` pass.
struct ExplainedSample {
    var nanoseconds: UInt64
    var kind: SampleKind
    var pageReads: Int
    var faults: Int
    var switches: Int
}

/// `probe --explain`: one more pass over the same scans that records, for every resolution, its time and what
/// happened during it, then prints what the slowest percent consists of (kinds, page reads, faults, context
/// switches) and each kind's latency by its number of page reads. Reading the counters between resolutions
/// disturbs the CPU caches, so this pass's own percentiles are higher than the warm pass's: compare its groups
/// with each other, not with the warm pass.
func explainTail(_ cache: CatalogCache, _ options: Options) {
    let ioFile = open("/proc/thread-self/io", O_RDONLY)
    guard ioFile >= 0 else { return print("explain: /proc/thread-self/io cannot be read") }
    defer { close(ioFile) }
    var samples: [ExplainedSample] = []
    samples.reserveCapacity(options.samples)
    for scan in SampleScans(options) {
        let code = decoder.decode(scan)
        let before = ThreadCounters.now(ioFile)
        let start = nowNanoseconds()
        let resolution = cache.resolve(code, atMilliseconds: sampleTimeMilliseconds)
        let elapsed = nowNanoseconds() - start
        let after = ThreadCounters.now(ioFile)
        samples.append(ExplainedSample(
            nanoseconds: elapsed, kind: SampleKind(scan: scan),
            pageReads: after.readCalls - before.readCalls - 1, faults: after.minorFaults - before.minorFaults,
            switches: after.contextSwitches - before.contextSwitches))
        withExtendedLifetime(resolution) {}
    }
    guard !samples.isEmpty else { return }
    let sorted = samples.sorted { $0.nanoseconds < $1.nanoseconds }
    let slowestPercent = sorted.count * 99 / 100
    print("explain: p50 \(microseconds(sorted[sorted.count / 2].nanoseconds)), "
        + "p99 \(microseconds(sorted[slowestPercent].nanoseconds))")
    print(describe(sorted[..<slowestPercent], "fastest 99%"))
    print(describe(sorted[slowestPercent...], "slowest 1%"))
    print(describe(sorted[(sorted.count * 999 / 1000)...], "slowest 0.1%"))
    for kind in SampleKind.allCases {
        for reads in 0...3 {
            let group = sorted.filter { $0.kind == kind && $0.pageReads == reads && $0.faults == 0 && $0.switches == 0 }
            guard group.count > 100 else { continue }
            let times = group.map(\.nanoseconds)
            print("  \(kind.rawValue), \(reads) page reads, no fault or switch (\(group.count)): "
                + "p50 \(microseconds(percentile(times, 0.5))), p90 \(microseconds(percentile(times, 0.9))), "
                + "p99 \(microseconds(percentile(times, 0.99)))")
        }
    }
}

/// `name (count): gtin 90.5%, package 4.9%, label 4.6%; page reads 1.24, faults 0.000, switches 0.000`.
private func describe(_ group: ArraySlice<ExplainedSample>, _ name: String) -> String {
    let count = Double(group.count)
    func average(_ value: (ExplainedSample) -> Int) -> Double { Double(group.reduce(0) { $0 + value($1) }) / count }
    let shares = SampleKind.allCases.map { kind in
        String(format: "\(kind.rawValue) %.1f%%", Double(group.count { $0.kind == kind }) * 100 / count)
    }
    return "\(name) (\(group.count)): \(shares.joined(separator: ", ")); "
        + String(format: "page reads %.2f, faults %.3f, switches %.3f",
            average(\.pageReads), average(\.faults), average(\.switches))
}
