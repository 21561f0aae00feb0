extension ScannerSettings.Match {
    /// Whether a device with these udev properties is the configured scanner. Every configured key must match;
    /// `port` compares against `ID_PATH_TAG` and `ID_PATH` (the rules in udev-rules/ link by the former).
    public func matches(properties: [String: String]) -> Bool {
        if let vendorID, properties["ID_VENDOR_ID"]?.lowercased() != vendorID { return false }
        if let productID, properties["ID_MODEL_ID"]?.lowercased() != productID { return false }
        if let serial, properties["ID_SERIAL_SHORT"] != serial { return false }
        if let port, properties["ID_PATH_TAG"] != port && properties["ID_PATH"] != port { return false }
        return !isEmpty
    }
}

extension ScannerSettings.Kind {
    /// The udev subsystem of this kind's device nodes.
    public var udevSubsystem: String {
        switch self {
        case .evdev: "input"
        case .hidpos: "hidraw"
        case .serial: "tty"
        }
    }
}

extension ScannerSettings {
    /// Picks this scanner's node among udev devices of its subsystem (given as property sets): the ones that
    /// match `match_*`; of several, a keyboard-mode scanner's keyboard node (`ID_INPUT_KEYBOARD=1`, which the
    /// project's udev rules also link) and nodes the rules tagged (`SPD_GATEWAY_ROLE=scanner`) come first.
    /// Returns the index, or nil when none matches.
    public func selectNode(among devices: [[String: String]]) -> Int? {
        let candidates = devices.indices.filter { match.matches(properties: devices[$0]) }
        func score(_ index: Int) -> Int {
            let properties = devices[index]
            var score = 0
            if kind == .evdev && properties["ID_INPUT_KEYBOARD"] == "1" { score += 2 }
            if properties["SPD_GATEWAY_ROLE"] == "scanner" && properties["SPD_SCANNER_KIND"] == kind.deviceKind {
                score += 1
            }
            return score
        }
        return candidates.max { score($0) < score($1) }
    }
}
