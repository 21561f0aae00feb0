// forwarding-bench: events/s through the durable outbox -> forwarder -> socket -> backend simulator acks, and the
// latency from "accepted" (append returned: the event is durable) to "acknowledged" (the backend acked it and
// the outbox deleted it), with the outbox as shipped (WAL, synchronous=FULL, group commit).
//
// Usage: see BenchmarkOptions.usage, or Benchmarks/run-forwarding-bench.sh (builds everything, runs the scenarios).
import Foundation

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("forwarding-bench: \(error)\n".utf8))
    exit(2)
}

do {
    let probe = try DiskSyncProbe.measure(in: options.directory)
    Report.printHeader(options, probe: probe)
    var runs: [RunMeasurements] = []
    for number in 1...options.runs {
        let run = try await ForwardingRun(options: options, number: number).perform()
        Report.printRun(number, run)
        runs.append(run)
    }
    Report.printSummary(options, runs)
} catch {
    FileHandle.standardError.write(Data("forwarding-bench: \(error)\n".utf8))
    exit(1)
}
