#if canImport(Glibc)
import Glibc
#endif
import GatewayCore

/// The simulated cabinet: its slaves, doors, locks and weighing channels, and the physics clock.
final class CabinetModel {
    let units: [SimulatedUnit]
    var doors: [Bool]
    var channels: [ScaleChannelModel]
    /// Per lock: whether it is released now, and how many releases were seen since start.
    var locksReleased: [Bool]
    var releases: [Int]
    var random: SimulatorRandom
    let origin: UInt64

    init(units: [SimulatedUnit], channelTemplate: (Int, inout SimulatorRandom) -> ScaleChannelModel, seed: UInt64) {
        self.units = units
        var random = SimulatorRandom(state: seed | 1)
        doors = Array(repeating: false, count: units.reduce(0) { $0 + $1.doorCount })
        let lockCount = units.reduce(0) { $0 + $1.lockCount }
        locksReleased = Array(repeating: false, count: lockCount)
        releases = Array(repeating: 0, count: lockCount)
        let channelCount = units.reduce(0) { $0 + $1.channelCount }
        channels = (0..<channelCount).map { channelTemplate($0, &random) }
        self.random = random
        origin = Self.monotonic()
    }

    static func monotonic() -> UInt64 { SystemClock().monotonicNanoseconds() }

    /// Seconds since the simulator started.
    var now: Double { Double(Self.monotonic() - origin) / 1e9 }

    /// Refreshes a unit's registers from the model, just before answering it.
    func refresh(_ unit: SimulatedUnit) {
        let time = now
        for local in 0..<unit.channelCount {
            let channel = channels[unit.firstChannel + local]
            let reading = channel.reading(at: time, random: &random)
            unit.publish(channel: local, grams: reading.grams, moving: reading.moving, faulted: channel.faulted)
        }
        if let map = unit.profile.doors {
            for local in 0..<unit.doorCount {
                unit.setBit(map.kind, map.address + local, doors[unit.firstDoor + local] == map.activeWhenSet)
            }
        }
    }

    /// Reads back what the master wrote: lock outputs (a release counts once per rising edge).
    func absorbWrites(_ unit: SimulatedUnit) {
        guard let locks = unit.profile.locks else { return }
        for local in 0..<unit.lockCount {
            let released: Bool
            if locks.kind == .coil {
                released = unit.bit(.coil, locks.address + local) == (locks.unlockValue != 0)
            } else {
                released = unit.word(locks.address + local) == locks.unlockValue
            }
            let index = unit.firstDoor + local
            guard index < locksReleased.count else { continue }
            if released, !locksReleased[index] { releases[index] += 1 }
            locksReleased[index] = released
        }
    }

    func unit(_ id: Int) -> SimulatedUnit? { units.first { $0.unit == id } }

    /// One line describing the whole cabinet, for `state` on the control socket.
    var summary: String {
        let doorText = doors.map { $0 ? "1" : "0" }.joined()
        let lockText = locksReleased.map { $0 ? "1" : "0" }.joined()
        let counts = channels.map { "\($0.items.count)" }.joined(separator: ",")
        let requests = units.map { "\($0.unit):\($0.requests)" }.joined(separator: ",")
        return "doors=\(doorText) locks=\(lockText) releases=\(releases.reduce(0, +)) counts=\(counts) requests=\(requests)"
    }
}
