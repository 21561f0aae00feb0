extension ScannerSettings {
    /// Reads every `[[scanner]]`, reporting duplicate ids at the second occurrence.
    static func readAll(_ document: ConfigSection) -> [ScannerSettings] {
        var scanners: [ScannerSettings] = []
        for section in document.sections("scanner") {
            if let scanner = ScannerSettings.read(section) {
                if scanners.contains(where: { $0.id == scanner.id }) {
                    section.reportIssue("id", "duplicate scanner id \"\(scanner.id)\"")
                } else {
                    scanners.append(scanner)
                }
            }
            section.finish()
        }
        return scanners
    }

    static let bauds: [Int64] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]

    /// The keys only some types of scanner read (docs/configuration.md marks them `evdev:`, `serial:`, `hidpos:`);
    /// the others are read by every type.
    static let typeSpecificKeys: [(key: String, kinds: [Kind])] = [
        ("keymap", [.evdev]), ("grab", [.evdev]), ("human_gap", [.evdev]), ("min_length", [.evdev]),
        ("terminator", [.evdev, .serial]), ("idle_timeout", [.evdev, .serial]), ("baud", [.serial]),
        ("hidpos_feature_report", [.hidpos]),
    ]

    static func read(_ section: ConfigSection) -> ScannerSettings? {
        let identifier = "1 to 64 letters, digits, '.', '_' or '-'"
        let id = section.requiredString("id", expected: "a scanner id such as \"dock-1-wedge\"")
        if let id, !GatewaySettings.isValidIdentifier(id) {
            section.reportIssue("id", "expected \(identifier), found \"\(id)\"")
        }
        let kind = section.table["type"] == nil ? nil : section.choice("type", as: Kind.self)
        if section.table["type"] == nil {
            _ = section.value("type")
            section.reportIssue("type", "missing; expected one of \"evdev\", \"hidpos\", \"serial\"")
        }
        let station = section.requiredString("station", expected: "a station id such as \"dock-1\"")
        if let station, !GatewaySettings.isValidIdentifier(station) {
            section.reportIssue("station", "expected \(identifier), found \"\(station)\"")
        }
        let path = section.string("path", expected: "an absolute device path")
        if let path, !path.hasPrefix("/") {
            section.reportIssue("path", "expected an absolute path, found \"\(path)\"")
        }
        var match = Match()
        if let usb = section.string("match_usb_id", expected: "\"VID:PID\" in hex, e.g. \"0c2e:0b81\"") {
            let parts = usb.lowercased().split(separator: ":").map(String.init)
            if parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) {
                match.vendorID = parts[0]
                match.productID = parts[1]
            } else {
                section.reportIssue("match_usb_id", "expected \"VID:PID\" in hex, e.g. \"0c2e:0b81\", found \"\(usb)\"")
            }
        }
        match.serial = section.string("match_serial", expected: "a USB serial number (udev ID_SERIAL_SHORT)")
        match.port = section.string("match_port", expected: "a port path (udev ID_PATH_TAG or ID_PATH)")
        guard let id, let kind, let station, GatewaySettings.isValidIdentifier(id),
            GatewaySettings.isValidIdentifier(station)
        else {
            _ = readOptions(section, into: nil)
            return nil
        }
        if path == nil && match.isEmpty {
            section.reportIssue(
                "path", "missing; expected `path` or at least one of match_usb_id, match_serial, match_port")
            return nil
        }
        var settings = ScannerSettings(id: id, kind: kind, path: path, station: station)
        settings.match = match
        return readOptions(section, into: settings)
    }

    /// The per-type keys; with nil settings it only marks them read (so a broken table reports each issue once).
    static func readOptions(_ section: ConfigSection, into base: ScannerSettings?) -> ScannerSettings? {
        var settings = base ?? ScannerSettings(id: "-", kind: .evdev, path: nil, station: "-")
        if let keymap = section.choice("keymap", as: KeyboardLayout.Name.self) { settings.keymap = keymap }
        if let substitutes = section.stringArray("gs_substitutes") {
            if substitutes.contains("") {
                section.reportIssue("gs_substitutes", "expected non-empty strings, found \"\"")
            }
            settings.gsSubstitutes = substitutes.filter { !$0.isEmpty }
        }
        let terminator = section.string("terminator", expected: "a terminator name")
        if let timeout = section.duration("idle_timeout", in: .milliseconds(5)...(.seconds(10))) {
            settings.idleTimeout = timeout
        }
        if let baud = section.integer("baud", in: 1200...230400) {
            if bauds.contains(baud) {
                settings.baud = Int(baud)
            } else {
                section.reportIssue(
                    "baud", "expected one of \(bauds.map(String.init).joined(separator: ", ")), found \(baud)")
            }
        }
        if let window = section.duration("double_read_window", in: .zero...(.seconds(60))) {
            settings.doubleReadWindow = window
        }
        if let grab = section.boolean("grab") { settings.grab = grab }
        if let gap = section.duration("human_gap", in: .milliseconds(5)...(.seconds(1))) { settings.humanGap = gap }
        if let minimum = section.integer("min_length", in: 1...4096) { settings.minimumLength = Int(minimum) }
        if let feature = section.boolean("hidpos_feature_report") { settings.hidposFeatureReport = feature }
        if let dock = section.boolean("dock") { settings.dock = dock }
        guard base != nil else { return nil }
        // Another type's key is a mistake (a wrong `type`, or a line meant for the next scanner), not something to
        // ignore: the scanner would run without the setting its author expects, e.g. a serial one at 9600 baud.
        let misplaced = typeSpecificKeys.filter { section.table[$0.key] != nil && !$0.kinds.contains(settings.kind) }
            .sorted { (section.table[$0.key]?.position.line ?? 0) < (section.table[$1.key]?.position.line ?? 0) }
        for (key, kinds) in misplaced {
            let types = kinds.map(\.rawValue).joined(separator: " and ")
            section.reportIssue(key, "applies only to \(types) scanners (this scanner is \(settings.kind.rawValue))")
        }
        guard misplaced.isEmpty else { return nil }
        if let terminator, !applyTerminator(terminator, to: &settings) {
            let choices = settings.kind == .serial
                ? "\"cr\", \"crlf\", \"lf\", \"tab\", \"none\"" : "\"enter\", \"tab\", \"none\""
            section.reportIssue(
                "terminator",
                "expected one of \(choices) for a \(settings.kind.rawValue) scanner, found \"\(terminator)\"")
            return nil
        }
        let noTerminator =
            switch settings.kind {
            case .evdev: settings.wedgeTerminators.isEmpty
            case .serial: settings.serialTerminator == .none
            case .hidpos: false  // Each report says when a scan ends.
            }
        if noTerminator && settings.idleTimeout == nil {
            // Without a terminator the idle gap is the only end of a scan; scanners send a key every 7-16 ms.
            settings.idleTimeout = .milliseconds(100)
        }
        return settings
    }

    static func applyTerminator(_ text: String, to settings: inout ScannerSettings) -> Bool {
        switch settings.kind {
        case .serial:
            guard let terminator = SerialScanFramer.Terminator(rawValue: text) else { return false }
            settings.serialTerminator = terminator
        case .evdev:
            switch text {
            case "none": settings.wedgeTerminators = []
            case "enter", "tab": settings.wedgeTerminators = [WedgeTerminator(rawValue: text)!]
            default: return false
            }
        case .hidpos:
            return false
        }
        return true
    }
}

extension DockSettings {
    static func read(_ section: ConfigSection) -> DockSettings {
        var settings = DockSettings()
        if let code = section.string("return_mode_code", expected: "the text of the return-mode code") {
            if code.isEmpty { section.reportIssue("return_mode_code", "expected a non-empty code") } else {
                settings.returnModeCode = code
            }
        }
        if let timeout = section.duration("binding_timeout", in: .seconds(5)...(.seconds(86_400))) {
            settings.bindingTimeout = timeout
        }
        return settings
    }
}
