extension DeviceProfile {
    /// `[[modbus_profile]]`: a new profile derived from a built-in one (`base`), overriding its register map.
    /// Addresses are written as the device's manual numbers them, with `address_base` (0, 1, 30001, 40001...)
    /// subtracted to get the protocol address.
    static func read(_ section: ConfigSection, known: [String: DeviceProfile]) -> DeviceProfile? {
        let name = section.requiredString("name", expected: "a profile name such as \"my-scale\"")
        let baseName = section.string("base") ?? "transmitter-80"
        guard var profile = known[baseName] else {
            section.reportIssue(
                "base", "unknown profile \"\(baseName)\"; known: \(known.keys.sorted().joined(separator: ", "))")
            return nil
        }
        if let name { profile.name = name }
        profile.summary = section.string("summary") ?? "derived from \(baseName)"
        let base = Int(section.integer("address_base", in: 0...400_001) ?? 0)
        func address(_ key: String) -> Int? {
            guard let documented = section.integer(key, in: 0...465_535) else { return nil }
            guard let address = AddressBase.protocolAddress(documented: Int(documented), base: base) else {
                section.reportIssue(
                    key, "register \(documented) minus address_base \(base) is not an address from 0 to 65535")
                return nil
            }
            return address
        }
        if let value = section.integer("max_registers", in: 1...125) { profile.limits.maxRegisters = Int(value) }
        if let value = section.integer("max_bytes", in: 2...250) { profile.limits.maxBytes = Int(value) }
        if let value = section.integer("max_gap", in: 0...64) { profile.limits.maxGap = Int(value) }
        readWeight(section, into: &profile, address: address)
        readDoorsAndLocks(section, into: &profile, address: address)
        return name == nil ? nil : profile
    }

    static func readWeight(_ section: ConfigSection, into profile: inout DeviceProfile, address: (String) -> Int?) {
        var weight = profile.weight ?? WeightMap(value: RegisterPoint(kind: .holding, address: 0))
        var touched = profile.weight != nil
        if let kind = section.choice("weight_table", as: WeightTable.self) {
            weight.value.kind = kind.kind; touched = true
        }
        if let value = address("weight_address") { weight.value.address = value; touched = true }
        if let type = section.choice("weight_type", as: RegisterDataType.self) { weight.value.type = type }
        if let order = section.choice("word_order", as: WordOrder.self) { weight.value.order = order }
        if let scale = section.double("scale", in: 1e-9...1e9) { weight.value.scale = scale }
        if let channels = section.integer("channels", in: 1...64) { weight.channels = Int(channels) }
        if let stride = section.integer("stride", in: 1...64) { weight.stride = Int(stride) }
        if let status = address("status_address") {
            var word = weight.status ?? StatusWord(first: RegisterPoint(kind: weight.value.kind, address: status))
            word.first.address = status
            if let stride = section.integer("status_stride", in: 0...64) { word.stride = Int(stride) }
            word.motionBit = section.integer("motion_bit", in: 0...15).map(Int.init) ?? word.motionBit
            word.stableBit = section.integer("stable_bit", in: 0...15).map(Int.init) ?? word.stableBit
            word.okBit = section.integer("ok_bit", in: 0...15).map(Int.init) ?? word.okBit
            weight.status = word
        }
        weight.zero = command("zero", in: section, address: address) ?? weight.zero
        weight.tare = command("tare", in: section, address: address) ?? weight.tare
        if touched { profile.weight = weight }
    }

    /// `<name>_register` with `<name>_value` (and `<name>_stride`), or `<name>_bit` for an edge-triggered bit.
    static func command(_ name: String, in section: ConfigSection, address: (String) -> Int?) -> ZeroCommand? {
        guard let register = address("\(name)_register") else {
            for key in ["\(name)_value", "\(name)_bit", "\(name)_stride"] where section.value(key) != nil {
                section.reportIssue(key, "needs \(name)_register, the holding register of the \(name) command")
            }
            return nil
        }
        if let bit = section.integer("\(name)_bit", in: 0...15) {
            if section.value("\(name)_value") != nil {
                section.reportIssue(
                    "\(name)_value", "not with \(name)_bit: a \(name) is either a value written or a bit's rising edge")
            }
            return .edgeBit(address: register, bit: Int(bit))
        }
        let value = UInt16(section.integer("\(name)_value", in: 0...65535) ?? 1)
        return .writeRegister(
            address: register, value: value, stride: Int(section.integer("\(name)_stride", in: 0...64) ?? 0))
    }

    static func readDoorsAndLocks(
        _ section: ConfigSection, into profile: inout DeviceProfile, address: (String) -> Int?
    ) {
        if let door = address("door_address") {
            var doors = profile.doors ?? BitMap()
            doors.address = door
            if let kind = section.choice("door_table", as: BitTable.self) { doors.kind = kind.kind }
            if let count = section.integer("doors", in: 1...64) { doors.count = Int(count) }
            if let active = section.choice("door_open_when", as: BitLevel.self) { doors.activeWhenSet = active == .set }
            profile.doors = doors
        }
        if let lock = address("lock_address") {
            var locks = profile.locks ?? LockMap()
            locks.address = lock
            if let kind = section.choice("lock_table", as: LockTable.self) { locks.kind = kind.kind }
            if let count = section.integer("locks", in: 1...64) { locks.count = Int(count) }
            profile.locks = locks
        }
        // Durations are whole milliseconds, so 1 ms is the shortest pulse above zero.
        if let pulse = section.duration("lock_pulse", in: .milliseconds(1)...(.seconds(30)), or: "hold",
                                        example: "500ms") {
            profile.locks?.pulse = pulse
        }
    }

    enum WeightTable: String, CaseIterable {
        case holding, input
        var kind: RegisterKind { self == .holding ? .holding : .input }
    }

    enum BitTable: String, CaseIterable {
        case discrete, coil
        var kind: RegisterKind { self == .discrete ? .discrete : .coil }
    }

    enum LockTable: String, CaseIterable {
        case coil, holding
        var kind: RegisterKind { self == .coil ? .coil : .holding }
    }

    enum BitLevel: String, CaseIterable { case set, clear }
}

/// Reads the cabinet tables of a configuration document.
enum CabinetConfigReader {
    static func read(_ document: ConfigSection) -> (buses: [ModbusBusSettings], cabinets: [CabinetSettings]) {
        var buses: [ModbusBusSettings] = []
        for section in document.sections("modbus_bus") {
            defer { section.finish() }
            guard let bus = ModbusBusSettings.read(section) else { continue }
            if buses.contains(where: { $0.id == bus.id }) {
                section.reportIssue("id", "bus id \"\(bus.id)\" is used twice")
                continue
            }
            buses.append(bus)
        }
        var profiles = DeviceProfile.builtIn
        for section in document.sections("modbus_profile") {
            defer { section.finish() }
            if let profile = DeviceProfile.read(section, known: profiles) { profiles[profile.name] = profile }
        }
        var cabinets: [CabinetSettings] = []
        for section in document.sections("cabinet") {
            defer { section.finish() }
            guard let cabinet = CabinetSettings.read(section, buses: buses, profiles: profiles) else { continue }
            if cabinets.contains(where: { $0.id == cabinet.id }) {
                section.reportIssue("id", "cabinet id \"\(cabinet.id)\" is used twice")
                continue
            }
            let shared = cabinets.filter { $0.bus == cabinet.bus }.flatMap(\.devices).map(\.unit)
            for device in cabinet.devices where shared.contains(device.unit) {
                section.reportIssue(
                    "device", "unit \(device.unit) on bus \"\(cabinet.bus)\" already belongs to another cabinet")
            }
            cabinets.append(cabinet)
        }
        return (buses, cabinets)
    }
}
