import Foundation
import GatewayCore
import GatewayDevices
import GatewayStore

/// Door change -> event committed: toggles a door on the simulator through its control socket and times until
/// the gateway's pipeline (bus poll, decode, session, durable outbox commit) has committed the `door` event.
/// The bus polls at `interval`, as the daemon would; the goal is p99 < interval + 2 ms.
enum DoorLatency {
    static func measure(simulator: String, directory: URL, interval: Duration, toggles: Int) async throws -> [Double] {
        let cabinet = try await CabinetSimulator(executable: simulator, directory: directory, rtu: false, units: ["1:io-8:16", "2:weight-16", "3:weight-16"])
        defer { cabinet.stop() }
        let outbox = try Outbox.open(path: directory.appendingPathComponent("latency-outbox.sqlite").path, gatewayID: "bench")
        let port = Int(cabinet.address.split(separator: ":").last!)!
        var io16 = DeviceProfile.io8
        io16.doors?.count = 16
        io16.locks?.count = 16
        let devices: [(unit: Int, profile: DeviceProfile)] = [(1, io16), (2, .weight16), (3, .weight16)]
        let clock = SystemClock()
        let session = Locked(CabinetSession(
            settings: CabinetSessionSettings(cabinet: "bench", doors: (1...16).map(String.init), channels: (1...32).map(String.init)),
            layout: StaticCabinetLayout(bins: [:]), clock: clock))
        let (commits, continuation) = AsyncStream.makeStream(of: [EventDraft].self)
        let bus = try ModbusBus(
            settings: ModbusBusSettings(id: "latency", endpoint: .tcp(host: "127.0.0.1", port: port), pollInterval: interval),
            slaves: devices.map { ModbusSlave(unit: $0.unit, plan: $0.profile.readPlan) }
        ) { cycle in
            var doors: [Bool?] = []
            var channels: [ChannelReading?] = []
            for device in devices {
                guard case .success(let image)? = cycle.results[device.unit] else { continue }
                let readings = device.profile.readings(from: image)
                doors += readings.doors
                channels += readings.channels
            }
            let drafts = session.withLock { session -> [EventDraft] in
                _ = session.doors(doors)
                _ = session.weights(channels)
                let drafts = session.state.outgoing
                session.markCommitted(drafts.count)
                return drafts
            }
            if !drafts.isEmpty { continuation.yield(drafts) }
        }
        // The committer plays the cabinet controller's part: every draft goes through the durable outbox.
        let committed = Locked<[UInt64]>([])
        let committer = Task {
            for await drafts in commits {
                for draft in drafts {
                    _ = try? await outbox.commit(draft)
                    if draft.type == .door { committed.withLock { $0.append(clock.monotonicNanoseconds()) } }
                }
            }
        }
        try await Task.sleep(for: .seconds(1))  // connected, first references settled
        var samples: [Double] = []
        for toggle in 0..<toggles {
            let before = committed.withLock { $0.count }
            let start = clock.monotonicNanoseconds()
            try cabinet.control(toggle % 2 == 0 ? "open 5" : "close 5")
            let deadline = ContinuousClock.now + .seconds(5)
            while committed.withLock({ $0.count }) == before, ContinuousClock.now < deadline {
                try await Task.sleep(for: .microseconds(200))
            }
            if let end = committed.withLock({ $0.count > before ? $0[before] : nil }) {
                samples.append(Double(end - start) / 1e6)
            }
            // Toggle at a random phase of the poll cycle, as real doors do.
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...40)))
        }
        bus.stop()
        continuation.finish()
        _ = await committer.result
        await outbox.close()
        return samples.sorted()
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}
