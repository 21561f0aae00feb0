import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// The simulator's single-threaded loop: Modbus requests, control commands and the scenario, all through one
/// poll(2), so the order of what happens is the order it was asked for.
final class CabinetServer {
    let model: CabinetModel
    let transport: any ModbusTransport
    var scenario: [CabinetScriptCommand]
    var step = 0
    var waitUntil: Double?
    var waitUnlock: (releases: Int, deadline: Double)?
    var pluggedBackAt: Double?
    var control: Int32 = -1
    var controlClients: [Int32: [UInt8]] = [:]
    var lockBoard: LockBoardSimulator?

    init(
        model: CabinetModel, transport: any ModbusTransport, scenario: [CabinetScriptCommand], controlPath: String?
    ) throws {
        self.model = model
        self.transport = transport
        self.scenario = scenario
        if let controlPath { control = try Self.listen(unixPath: controlPath) }
    }

    func run() {
        while true {
            if let back = pluggedBackAt, model.now >= back {
                pluggedBackAt = nil
                do {
                    try transport.plugIn()
                    say("plugged in again")
                } catch {
                    say("cannot plug in again: \(error)")
                }
            }
            advanceScenario()
            var fds = transport.descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if control >= 0 { fds.append(pollfd(fd: control, events: Int16(POLLIN), revents: 0)) }
            fds += controlClients.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if let lockBoard { fds.append(pollfd(fd: lockBoard.master, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 20)
            guard ready > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == control {
                    let client = accept(control, nil, nil)
                    if client >= 0 { controlClients[client] = [] }
                } else if controlClients[entry.fd] != nil {
                    serveControl(entry.fd)
                } else if let lockBoard, entry.fd == lockBoard.master {
                    lockBoard.readable()
                } else if transport.descriptors.contains(entry.fd) {
                    transport.readable(entry.fd, model: model)
                }
            }
        }
    }

    func say(_ line: String) {
        print(line)
        fflush(nil)  // every stream: tests and the benchmark wait for these lines
    }

    /// Runs scenario steps until one has to wait.
    func advanceScenario() {
        while step < scenario.count {
            let now = model.now
            if let until = waitUntil {
                guard now >= until else { return }
                waitUntil = nil
                step += 1
                continue
            }
            if let waiting = waitUnlock {
                let released = model.releases.reduce(0, +) > waiting.releases
                guard released || now >= waiting.deadline else { return }
                say(released ? "scenario: unlocked" : "scenario: no unlock before the timeout")
                waitUnlock = nil
                step += 1
                continue
            }
            let command = scenario[step]
            switch command {
            case .wait(let seconds):
                waitUntil = now + seconds
            case .waitUnlock(let timeout):
                waitUnlock = (model.releases.reduce(0, +), now + timeout)
            default:
                say("scenario: \(execute(command))")
                step += 1
            }
            if step == scenario.count { say("scenario done") }
        }
    }

    /// Applies one command to the model; returns the reply line.
    func execute(_ command: CabinetScriptCommand) -> String {
        let now = model.now
        switch command {
        case .open(let door), .close(let door):
            guard (1...model.doors.count).contains(door) else { return "error no door \(door)" }
            let open = command == .open(door)
            model.doors[door - 1] = open
            return "ok door \(door) \(open ? "open" : "closed")"
        case .take(let channel, let count), .putBack(let channel, let count):
            guard (1...model.channels.count).contains(channel) else { return "error no channel \(channel)" }
            let taking = command == .take(channel: channel, count: count)
            var random = model.random
            model.channels[channel - 1].change(at: now) { bin in
                if taking {
                    bin.items.removeLast(min(count, bin.items.count))
                } else {
                    for _ in 0..<count {
                        bin.items.append(ScaleChannelModel.itemWeight(bin.nominalUnitGrams, bin.variation, &random))
                    }
                }
            }
            model.random = random
            return "ok channel \(channel) holds \(model.channels[channel - 1].items.count)"
        case .put(let channel, let grams):
            guard (1...model.channels.count).contains(channel) else { return "error no channel \(channel)" }
            model.channels[channel - 1].change(at: now) { $0.foreignGrams += grams }
            return "ok channel \(channel) foreign \(model.channels[channel - 1].foreignGrams) g"
        case .fault(let channel, let on):
            guard (1...model.channels.count).contains(channel) else { return "error no channel \(channel)" }
            model.channels[channel - 1].faulted = on
            return "ok channel \(channel) fault \(on ? "on" : "off")"
        case .mute(let unit, let seconds):
            guard let target = model.unit(unit) else { return "error no unit \(unit)" }
            target.mutedUntil = now + seconds
            return "ok unit \(unit) muted for \(seconds)s"
        case .corrupt(let unit, let replies):
            guard let target = model.unit(unit) else { return "error no unit \(unit)" }
            target.corruptReplies = replies
            return "ok unit \(unit) corrupts \(replies) replies"
        case .unplug(let seconds):
            transport.unplug()
            pluggedBackAt = now + seconds
            return "ok unplugged for \(seconds)s"
        case .state:
            return "ok \(model.summary) board_releases=\(lockBoard?.releases ?? 0)"
        case .wait, .waitUnlock:
            return "error \(command) only works in a scenario"
        }
    }
}
