import ArgumentParser
import Foundation
import GatewayCore

/// `spd-sim cabinet`: a smart cabinet as real Modbus slaves (libmodbus server) on TCP or an RTU pty.
struct CabinetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cabinet",
        abstract: "A smart cabinet: Modbus slaves with doors, locks and weighing channels, on TCP or an RTU pty.",
        discussion: """
            Units are given as UNIT:PROFILE[:COUNT] \
            (profiles: \(DeviceProfile.builtIn.keys.sorted().joined(separator: ", "))),
            COUNT overriding the number of channels (weight) or doors and locks (I/O). Doors, locks and channels
            are numbered from 1 across the units in the order given, the way the gateway's [[cabinet]] numbers them.
            Prints "listening on tcp://HOST:PORT" or "listening on rtu:PATH" when ready.

            Scenario files and the --control socket take one command a line:
              open DOOR | close DOOR, take CHANNEL N, return CHANNEL N, put CHANNEL GRAMS, fault CHANNEL on|off,
              mute UNIT 2s, corrupt UNIT N, unplug 2s, wait 500ms (scenario), wait-unlock [30s] (scenario),
              state (control).
            """)

    @Option(help: ArgumentHelp("Serve Modbus TCP on HOST:PORT (port 0: any free port).", valueName: "host:port"))
    var tcp: String?

    @Option(
        name: .customLong("rtu-link"),
        help: ArgumentHelp("Serve Modbus RTU on a pty whose slave side is symlinked here.", valueName: "path"))
    var rtuLink: String?

    @Option(
        name: .customLong("unit"), help: ArgumentHelp("A slave: UNIT:PROFILE[:COUNT]; repeatable.", valueName: "spec"))
    var units: [String] = ["1:io-8", "2:weight-16"]

    @Option(help: "Items per bin at start.") var items = 20
    @Option(name: .customLong("unit-grams"), help: "Nominal item weight, grams.") var unitGrams = 12.5
    @Option(name: .customLong("tare-grams"), help: "Empty bin weight, grams.") var tareGrams = 150.0
    @Option(help: "Item weight variation (coefficient of variation, e.g. 0.01).") var variation = 0.005
    @Option(name: .customLong("creep"), help: "Load-cell creep, grams per second.") var creep = 0.0
    @Option(name: .customLong("noise"), help: "Reading noise amplitude, grams.") var noise = 0.05
    @Option(name: .customLong("settle"), help: "Seconds a bin swings after a change.") var settle = 0.3
    @Option(help: "Random seed (same seed, same run).") var seed: UInt64 = 42
    @Option(
        name: .customLong("lock-board-link"),
        help: ArgumentHelp(
            "Also serve a lock board (XOR-checksum framing, board 1) on a pty symlinked here.", valueName: "path"))
    var lockBoardLink: String?
    @Option(name: .customLong("lock-board-locks"), help: "Locks on the simulated lock board.") var lockBoardLocks = 4
    @Option(help: ArgumentHelp("Scenario file, run from start.", valueName: "path")) var scenario: String?
    @Option(help: ArgumentHelp("Unix socket for control commands.", valueName: "path")) var control: String?

    func validate() throws {
        guard (tcp == nil) != (rtuLink == nil) else {
            throw ValidationError("give exactly one of --tcp and --rtu-link")
        }
        for spec in units { _ = try Self.parseUnit(spec) }
    }

    static func parseUnit(_ spec: String) throws -> (Int, DeviceProfile) {
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count >= 2, let unit = Int(parts[0]), (1...247).contains(unit),
            var profile = DeviceProfile.builtIn[parts[1]]
        else {
            throw ValidationError("--unit \(spec): expected UNIT:PROFILE[:COUNT] with UNIT 1-247 and a known profile")
        }
        if parts.count > 2 {
            guard let count = Int(parts[2]), count > 0 else {
                throw ValidationError("--unit \(spec): COUNT must be positive")
            }
            profile.weight?.channels = count
            profile.doors?.count = count
            profile.locks?.count = count
        }
        return (unit, profile)
    }

    func run() throws {
        var simulated: [SimulatedUnit] = []
        var door = 0, channel = 0
        for spec in units {
            let (unit, profile) = try Self.parseUnit(spec)
            let next = try SimulatedUnit(unit: unit, profile: profile, firstDoor: door, firstChannel: channel)
            door += next.doorCount
            channel += next.channelCount
            simulated.append(next)
        }
        let model = CabinetModel(units: simulated, channelTemplate: { _, random in
            ScaleChannelModel(
                tareGrams: tareGrams, unitGrams: unitGrams, count: items, variation: variation, creep: creep,
                noise: noise, settle: settle, random: &random)
        }, seed: seed)
        var steps: [CabinetScriptCommand] = []
        if let scenario {
            let text = try String(contentsOfFile: scenario, encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let command = try CabinetScriptCommand.parse(String(line)) { steps.append(command) }
            }
        }
        let transport: any ModbusTransport
        if let tcp {
            let parts = tcp.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--tcp expects HOST:PORT") }
            transport = try TCPModbusTransport(host: String(parts[0]), port: port)
        } else {
            transport = try RTUModbusTransport(link: rtuLink!)
        }
        let server = try CabinetServer(model: model, transport: transport, scenario: steps, controlPath: control)
        if let lockBoardLink {
            server.lockBoard = try LockBoardSimulator(link: lockBoardLink, board: 1, locks: lockBoardLocks)
            server.say("lock board on \(lockBoardLink)")
        }
        server.say("cabinet: \(simulated.count) units, \(door) doors, \(channel) channels")
        server.say("listening on \(transport.address)")
        server.run()
    }
}
