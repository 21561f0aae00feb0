import Foundation
import GatewayCore
import GatewayDevices

// cabinet-bench: how fast the gateway polls a 32-channel + 16-door cabinet (two `weight-16` modules and a 16-door
// `io-8`) on `spd-sim cabinet`, over Modbus TCP and RTU on a pty, and what the gateway itself costs per cycle
// (libmodbus calls, decoding, the session state machine) against the bus time a real RS-485 line needs.
//
//   cabinet-bench --simulator PATH [--daemon PATH] [--toggles 400] [--seconds 5]
//
// With --daemon (spd-gatewayd), it also times door change -> door event committed through the real daemon.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard let simulator = option("--simulator") else {
    FileHandle.standardError.write("usage: cabinet-bench --simulator PATH [--seconds 5]\n".data(using: .utf8)!)
    exit(64)
}
let seconds = Double(option("--seconds") ?? "5") ?? 5

let units = ["1:io-8:16", "2:weight-16", "3:weight-16"]
var io16 = DeviceProfile.io8
io16.doors?.count = 16
io16.locks?.count = 16
let devices: [(unit: Int, profile: DeviceProfile)] = [(1, io16), (2, .weight16), (3, .weight16)]
let requests = devices.flatMap(\.profile.readPlan)

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Polls as fast as the transport allows for `seconds`; every cycle is decoded and fed to a cabinet session.
func run(rtu: Bool, directory: URL) async throws -> (cycles: Int, wall: Double, cpuPerCycle: Double, failures: Int) {
    let cabinet = try await CabinetSimulator(executable: simulator, directory: directory, rtu: rtu, units: units)
    defer { cabinet.stop() }
    let endpoint: ModbusEndpoint
    if rtu {
        endpoint = .rtu(path: String(cabinet.address.dropFirst(4)), serial: SerialSettings(baud: 115_200))
    } else {
        let port = Int(cabinet.address.split(separator: ":").last!)!
        endpoint = .tcp(host: "127.0.0.1", port: port)
    }
    let settings = ModbusBusSettings(
        id: rtu ? "rtu" : "tcp", endpoint: endpoint, responseTimeout: .milliseconds(500), pollInterval: .zero)
    let clock = SystemClock()
    let sessionSettings = CabinetSessionSettings(
        cabinet: "bench", doors: (1...16).map(String.init), channels: (1...32).map(String.init))
    let session = Locked(
        CabinetSession(settings: sessionSettings, layout: StaticCabinetLayout(bins: [:]), clock: clock))
    let counters = Locked((cycles: 0, failures: 0, cpuStart: 0.0, wallStart: UInt64(0), measuring: false))
    let bus = try ModbusBus(
        settings: settings, slaves: devices.map { ModbusSlave(unit: $0.unit, plan: $0.profile.readPlan) }
    ) { cycle in
        var doors: [Bool?] = []
        var channels: [ChannelReading?] = []
        var failed = false
        for device in devices {
            guard case .success(let image)? = cycle.results[device.unit] else { failed = true; continue }
            let readings = device.profile.readings(from: image)
            doors += readings.doors
            channels += readings.channels
        }
        session.withLock { session in
            _ = session.doors(doors)
            _ = session.weights(channels)
            session.markCommitted(session.state.outgoing.count)
        }
        counters.withLock {
            guard $0.measuring else { return }
            $0.cycles += 1
            if failed { $0.failures += 1 }
        }
    }
    // Warm up (connect, first cycles), then measure.
    try await Task.sleep(for: .milliseconds(500))
    counters.withLock {
        $0.measuring = true
        $0.cpuStart = cpuSeconds()
        $0.wallStart = clock.monotonicNanoseconds()
    }
    try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    let result = counters.withLock { counters in
        counters.measuring = false
        let wall = Double(clock.monotonicNanoseconds() - counters.wallStart) / 1e9
        let cpuPerCycle = (cpuSeconds() - counters.cpuStart) / Double(max(counters.cycles, 1))
        return (counters.cycles, wall, cpuPerCycle, counters.failures)
    }
    bus.stop()
    while !bus.isFinished { try await Task.sleep(for: .milliseconds(5)) }
    return result
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

print("cabinet: 32 channels (2 x weight-16) + 16 doors (io-8:16); \(requests.count) requests per cycle: "
    + requests.map(\.description).joined(separator: ", "))
var summary: [String] = []
var worstCPU = 0.0
for rtu in [false, true] {
    let label = rtu ? "rtu-pty" : "tcp"
    let result = try await run(rtu: rtu, directory: directory)
    let rate = Double(result.cycles) / result.wall
    worstCPU = max(worstCPU, result.cpuPerCycle)
    print(String(format: "%-8@ %7.0f cycles/s  %6d cycles in %.1f s  gateway CPU %.1f µs/cycle  failed cycles %d",
                 label as NSString, rate, result.cycles, result.wall, result.cpuPerCycle * 1e6, result.failures))
    summary.append(String(format: "SUMMARY cabinet %@ cycles_per_s=%.0f cpu_us_per_cycle=%.1f",
                          label as NSString, rate, result.cpuPerCycle * 1e6))
}
let budget = BusBudget(requests: requests)
print("RS-485 bus time per cycle (8N1, 5 ms slave turnaround) vs the gateway's CPU per cycle "
    + "(worst transport above):")
for baud in [9600, 19_200, 115_200] {
    let time = budget.seconds(baud: baud, turnaround: 0.005)
    print(String(format: "  %6d baud: %6.1f ms/cycle (%4.1f Hz)  gateway adds %.2f %%",
                 baud, time * 1e3, 1 / time, worstCPU / time * 100))
    summary.append(String(format: "SUMMARY cabinet rs485_%d bus_ms=%.1f gateway_pct=%.2f",
                          baud, time * 1e3, worstCPU / time * 100))
}
if let daemon = option("--daemon") {
    let interval = 50
    let toggles = Int(option("--toggles") ?? "400") ?? 400
    let samples = try await DaemonDoorLatency.measure(
        simulator: simulator, daemon: daemon, directory: directory, interval: interval, toggles: toggles)
    func percentiles(_ sorted: [Double]) -> (Double, Double, Double) {
        (DaemonDoorLatency.percentile(sorted, 0.5), DaemonDoorLatency.percentile(sorted, 0.99), sorted.last ?? .nan)
    }
    let (p50, p99, worst) = percentiles(samples.total)
    let (gatewayP50, gatewayP99, gatewayWorst) = percentiles(samples.gateway)
    print(String(format: "door change -> door event committed, spd-gatewayd (TCP, poll interval %d ms, %d toggles): "
                     + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < %d ms)",
                 interval, samples.total.count, p50, p99, worst, interval + 2))
    print(String(format: "  of which the gateway (poll saw it -> committed): p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                     + "the rest is the wait for the next poll",
                 gatewayP50, gatewayP99, gatewayWorst))
    summary.append(String(format: "SUMMARY cabinet door_event_p50_ms=%.1f p99_ms=%.1f gateway_p99_ms=%.2f "
                              + "poll_interval_ms=%d",
                          p50, p99, gatewayP99, interval))
}
for line in summary { print(line) }
