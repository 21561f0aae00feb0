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
