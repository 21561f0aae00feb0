/// `[[cabinet]]`: one smart cabinet: the bus its slaves are on, the slaves (`[[cabinet.device]]`), what each
/// weighing channel holds (`[[cabinet.bin]]`), and its session limits. See docs/cabinets.md.
public struct CabinetSettings: Sendable, Equatable {
    /// One slave of the cabinet.
    public struct Device: Sendable, Equatable {
        public var unit: Int
        public var profile: DeviceProfile
    }

    /// A lock board on its own serial port (``LockBoardFrame`` framing), for cabinets whose locks are not Modbus.
    public struct LockBoard: Sendable, Equatable {
        public var port: String
        public var baud: Int
        public var board: Int
        /// Locks 1...locks of the board belong to this cabinet.
        public var locks: Int
    }

    public var id: String
    /// The `[[modbus_bus]]` id the cabinet's slaves are on.
    public var bus: String
    public var devices: [Device]
    public var bins: [BinLayout]
    public var lockBoards: [LockBoard] = []
    public var session: CabinetSessionSettings

    /// Door ids "1"... and channel ids "1"..., numbered across the devices in order.
    public static func numbering(_ devices: [Device]) -> (doors: [String], channels: [String]) {
        let doors = devices.reduce(0) { $0 + ($1.profile.doors?.count ?? 0) }
        let channels = devices.reduce(0) { $0 + ($1.profile.weight?.channels ?? 0) }
        return ((0..<doors).map { "\($0 + 1)" }, (0..<channels).map { "\($0 + 1)" })
    }

    static func read(
        _ section: ConfigSection, buses: [ModbusBusSettings], profiles: [String: DeviceProfile]
    ) -> CabinetSettings? {
        let id = section.requiredString("id", expected: "a cabinet id such as \"cab-or3\"")
        if let id, !GatewaySettings.isValidIdentifier(id) {
            section.reportIssue("id", "expected 1 to 64 letters, digits, '.', '_' or '-', found \"\(id)\"")
        }
        let bus = section.requiredString("bus", expected: "the id of a [[modbus_bus]]")
        if let bus, !buses.contains(where: { $0.id == bus }) {
            let known = buses.map { "\"\($0.id)\"" }.joined(separator: ", ")
            section.reportIssue("bus", "no [[modbus_bus]] with id \"\(bus)\"; known: \(known.isEmpty ? "none" : known)")
        }
        var devices: [Device] = []
        var units: Set<Int> = []
        for device in section.sections("device") {
            defer { device.finish() }
            let unit = device.integer("unit", in: 1...247)
            if device.table["unit"] == nil {
                device.reportIssue("unit", "missing; expected the slave's unit id (1 to 247)")
            }
            guard let name = device.requiredString("profile", expected: "a profile name") else { continue }
            guard var profile = profiles[name] else {
                device.reportIssue(
                    "profile", "unknown profile \"\(name)\"; known: \(profiles.keys.sorted().joined(separator: ", "))")
                continue
            }
            if let count = device.integer("count", in: 1...64) {
                profile.weight?.channels = Int(count)
                profile.doors?.count = Int(count)
                profile.locks?.count = Int(count)
            }
            guard let unit else { continue }
            if !units.insert(Int(unit)).inserted { device.reportIssue("unit", "unit \(unit) is listed twice") }
            devices.append(Device(unit: Int(unit), profile: profile))
        }
        if devices.isEmpty, section.table["device"] == nil {
            section.reportIssue("device", "missing; expected at least one [[cabinet.device]] with unit and profile")
        }
        let numbering = numbering(devices)
        var bins: [BinLayout] = []
        var binChannels: Set<String> = []
        for bin in section.sections("bin") {
            defer { bin.finish() }
            let channel = bin.requiredString("channel", expected: "a channel number such as \"3\"")
            // One product per weighing zone: a second bin on a channel would silently lose to the first.
            if let channel, !binChannels.insert(channel).inserted {
                bin.reportIssue("channel", "channel \"\(channel)\" already has a [[cabinet.bin]]; one bin per channel")
            }
            if let channel, !numbering.channels.contains(channel) {
                let known =
                    numbering.channels.isEmpty ? "no weighing channels" : "channels 1 to \(numbering.channels.count)"
                bin.reportIssue("channel", "no channel \"\(channel)\"; this cabinet's devices have \(known)")
            }
            let product = bin.requiredString("product", expected: "the product's UDI-DI or GTIN")
            let name = bin.string("name")
            let unitGrams = bin.double("unit_g", in: 0.001...100_000)
            if bin.table["unit_g"] == nil { bin.reportIssue("unit_g", "missing; expected one item's weight in grams") }
            let tolerance = bin.double("tolerance", in: 0.01...0.49) ?? 0.3
            let highValue = bin.boolean("high_value") ?? false
            if let channel, let product, let unitGrams {
                bins.append(BinLayout(channel: channel, productID: product, name: name, unitGrams: unitGrams,
                                      tolerance: tolerance, highValue: highValue))
            }
        }
        var lockBoards: [LockBoard] = []
        for board in section.sections("lock_board") {
            defer { board.finish() }
            let port = board.requiredString("port", expected: "a serial device path such as \"/dev/ttyUSB1\"")
            if let port, !port.hasPrefix("/") {
                board.reportIssue("port", "expected an absolute path, found \"\(port)\"")
            }
            let baud = board.integer("baud", in: 1200...115_200) ?? 9600
            if ![1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200].contains(baud) {
                board.reportIssue("baud", "expected a standard rate (1200 ... 115200), found \(baud)")
            }
            let address = board.integer("board", in: 0...255) ?? 1
            let locks = board.integer("locks", in: 1...64) ?? 1
            if let port, port.hasPrefix("/") {
                lockBoards.append(LockBoard(port: port, baud: Int(baud), board: Int(address), locks: Int(locks)))
            }
        }
        var session = CabinetSessionSettings(cabinet: id ?? "", doors: numbering.doors, channels: numbering.channels)
        if let value = section.duration("unlock_window", in: .seconds(1)...(.seconds(600))) {
            session.unlockWindow = value
        }
        if let value = section.duration("door_open_limit", in: .seconds(1)...(.seconds(86_400))) {
            session.doorOpenLimit = value
        }
        if let value = section.duration("settle_timeout", in: .milliseconds(100)...(.seconds(600))) {
            session.settleTimeout = value
        }
        if let value = section.double("deadband_g", in: 0...10_000) { session.deadbandGrams = value }
        var stabilizer = WeightStabilizer.Settings()
        if let mode = section.choice("stability", as: WeightStabilizer.Mode.self) { stabilizer.mode = mode }
        let window = section.duration("stable_window", in: .milliseconds(50)...(.seconds(60))) ?? .milliseconds(500)
        let band = section.double("stable_band_g", in: 0...10_000) ?? 0.5
        stabilizer = WeightStabilizer.Settings(
            mode: stabilizer.mode, window: window, bandGrams: band, minimumSamples: 3)
        session.stabilizer = stabilizer
        session.zeroable = zeroable(devices)
        if let idle = section.duration("rezero_idle", in: .seconds(1)...(.seconds(7 * 86_400)), or: "off",
                                       example: "30m") {
            session.rezeroIdle = idle
        }
        guard let id, GatewaySettings.isValidIdentifier(id), let bus, buses.contains(where: { $0.id == bus }) else {
            return nil
        }
        var settings = CabinetSettings(id: id, bus: bus, devices: devices, bins: bins, session: session)
        settings.lockBoards = lockBoards
        return settings
    }
}
