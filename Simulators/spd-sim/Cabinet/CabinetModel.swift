import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

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

    /// Reads back what the master wrote: zero commands, lock outputs (a release counts once per rising edge).
    func absorbWrites(_ unit: SimulatedUnit) {
        absorbZeroCommands(unit)
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

    /// A zero or tare command register written with its value zeroes its channel (stride 0: every channel) and is
    /// cleared, as devices do; an edge-triggered bit zeroes every channel on its rising edge. Both make the present
    /// load the channel's zero (the simulator does not model a zero range).
    func absorbZeroCommands(_ unit: SimulatedUnit) {
        let time = now
        for command in [unit.profile.weight?.zero, unit.profile.weight?.tare] {
            switch command {
            case .writeRegister(let address, let value, let stride)?:
                let slots = stride == 0 ? [0] : Array(0..<unit.channelCount)
                for local in slots where unit.word(address + local * stride) == value {
                    unit.setWord(.holding, address + local * stride, 0)
                    let zeroed = stride == 0 ? Array(0..<unit.channelCount) : [local]
                    for channel in zeroed { channels[unit.firstChannel + channel].zero(at: time) }
                }
            case .edgeBit(let address, let bit)?:
                let isSet = unit.word(address) & (1 << UInt16(bit)) != 0
                if isSet, !unit.commandBitsSet.contains([address, bit]) {
                    for channel in 0..<unit.channelCount { channels[unit.firstChannel + channel].zero(at: time) }
                }
                if isSet {
                    unit.commandBitsSet.insert([address, bit])
                } else {
                    unit.commandBitsSet.remove([address, bit])
                }
            case nil:
                break
            }
        }
    }

    func unit(_ id: Int) -> SimulatedUnit? { units.first { $0.unit == id } }

    /// One line describing the whole cabinet, for `state` on the control socket.
    var summary: String {
        let doorText = doors.map { $0 ? "1" : "0" }.joined()
        let lockText = locksReleased.map { $0 ? "1" : "0" }.joined()
        let counts = channels.map { "\($0.items.count)" }.joined(separator: ",")
        let requests = units.map { "\($0.unit):\($0.requests)" }.joined(separator: ",")
        let zeros = channels.reduce(0) { $0 + $1.zeroCommands }
        return "doors=\(doorText) locks=\(lockText) releases=\(releases.reduce(0, +)) counts=\(counts) "
            + "requests=\(requests) zeros=\(zeros)"
    }
}
