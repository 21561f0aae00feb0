import Foundation

/// CPU time of a process and of the machine, read from `/proc`, so that a run can say what each side cost per
/// event and how much of the machine the hypervisor took (steal) or the disk made wait (iowait). Latency figures on
/// a shared VM move with both; CPU per event does not.
struct ProcessorTime: Sendable {
    /// User + system time of the process, in clock ticks.
    var processTicks: UInt64
    /// All CPUs, in clock ticks: total, steal and iowait.
    var machineTicks: UInt64
    var stealTicks: UInt64
    var ioWaitTicks: UInt64

    /// Reads `/proc/<pid>/stat` (utime, stime) and `/proc/stat`'s first line; zero where a file cannot be read.
    static func now(of pid: Int32) -> ProcessorTime {
        var time = ProcessorTime(processTicks: 0, machineTicks: 0, stealTicks: 0, ioWaitTicks: 0)
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let afterName = stat.lastIndex(of: ")") {
            // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
            let fields = stat[stat.index(after: afterName)...].split(separator: " ")
            if fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) {
                time.processTicks = user + system
            }
        }
        if let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
           let cpuLine = stat.split(separator: "\n").first, cpuLine.hasPrefix("cpu ") {
            // user nice system idle iowait irq softirq steal ...
            let values = cpuLine.split(separator: " ").dropFirst().compactMap { UInt64($0) }
            if values.count >= 8 {
                time.machineTicks = values.prefix(8).reduce(0, +)
                time.ioWaitTicks = values[4]
                time.stealTicks = values[7]
            }
        }
        return time
    }

    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// What a run cost: CPU per event in the benchmark process (producers, outbox, forwarder) and in the backend
/// simulator, and the machine's steal and iowait shares over the run.
struct RunProcessorCost: Sendable {
    var benchmarkMicrosecondsPerEvent: Double
    var simulatorMicrosecondsPerEvent: Double
    var stealPercent: Double
    var ioWaitPercent: Double

    init(benchmark: (ProcessorTime, ProcessorTime), simulator: (ProcessorTime, ProcessorTime), events: Int) {
        func microsecondsPerEvent(_ ticks: UInt64) -> Double {
            Double(ticks) / ProcessorTime.ticksPerSecond * 1e6 / Double(max(events, 1))
        }
        benchmarkMicrosecondsPerEvent = microsecondsPerEvent(benchmark.1.processTicks &- benchmark.0.processTicks)
        simulatorMicrosecondsPerEvent = microsecondsPerEvent(simulator.1.processTicks &- simulator.0.processTicks)
        let machine = Double(max(benchmark.1.machineTicks &- benchmark.0.machineTicks, 1))
        stealPercent = Double(benchmark.1.stealTicks &- benchmark.0.stealTicks) / machine * 100
        ioWaitPercent = Double(benchmark.1.ioWaitTicks &- benchmark.0.ioWaitTicks) / machine * 100
    }
}
