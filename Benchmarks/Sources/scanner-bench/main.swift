// scanner-bench: the gateway's own share of scan-to-event latency. `spd-sim scanner` types scans into a stand-in
// device (a pty) and prints the monotonic time just before each terminator (Enter key, CR, last HID-POS report);
// the gateway's real reader thread (GatewayDevices.ScannerReader), decoder, pipeline and outbox (SQLite WAL,
// synchronous=FULL: fsync per commit) run in this process, and the time each event's commit returned is taken.
// Latency = commit returned - terminator written, nanosecond clocks of the same machine (CLOCK_MONOTONIC).
//
// Usage: see ScannerBenchOptions.usage, or Benchmarks/run-scanner-bench.sh (builds, runs every scanner type).
import Foundation

let options: ScannerBenchOptions
do {
    options = try ScannerBenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("scanner-bench: \(error)\n\(ScannerBenchOptions.usage)\n".utf8))
    exit(2)
}

do {
    print("scanner-bench: \(options.scans) scans per type, outbox in \(options.directory) "
        + "on \(fileSystemName(of: options.directory))")
    print("  disk floor (4 KiB write + fdatasync): \(try diskSyncFloor(in: options.directory).line)")
    var failed = false
    for type in options.types {
        let result = try await ScannerLatencyRun(options: options, type: type).perform()
        print(result.line)
        print("SUMMARY scanner-bench type=\(type) scans=\(result.latencies.count) "
            + "p50_us=\(result.percentiles.p50 / 1000) p99_us=\(result.percentiles.p99 / 1000) "
            + "max_us=\(result.percentiles.maximum / 1000) missing=\(result.missing)")
        if result.missing > 0 { failed = true }
    }
    if failed { exit(1) }
} catch {
    FileHandle.standardError.write(Data("scanner-bench: \(error)\n".utf8))
    exit(1)
}
