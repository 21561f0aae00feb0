extension ModbusBusSettings {
    /// `[[modbus_bus]]`: one RS-485 line or Modbus TCP server and how it is polled.
    static func read(_ section: ConfigSection) -> ModbusBusSettings? {
        let id = section.requiredString("id", expected: "a bus id such as \"rs485-1\"")
        if let id, !GatewaySettings.isValidIdentifier(id) {
            section.reportIssue("id", "expected 1 to 64 letters, digits, '.', '_' or '-', found \"\(id)\"")
        }
        let expected = "\"tcp://HOST:PORT\" or \"rtu:/dev/ttyUSB0\""
        var endpoint: ModbusEndpoint?
        var serial = SerialSettings()
        if let baud = section.integer("baud", in: 1200...921_600) { serial.baud = Int(baud) }
        if let parity = section.choice("parity", as: SerialSettings.Parity.self) { serial.parity = parity }
        if let bits = section.integer("data_bits", in: 7...8) { serial.dataBits = Int(bits) }
        if let bits = section.integer("stop_bits", in: 1...2) { serial.stopBits = Int(bits) }
        if let address = section.requiredString("address", expected: expected) {
            endpoint = parseEndpoint(address, serial: serial)
            if endpoint == nil { section.reportIssue("address", "expected \(expected), found \"\(address)\"") }
        }
        guard let id, GatewaySettings.isValidIdentifier(id), let endpoint else { return nil }
        var settings = ModbusBusSettings(id: id, endpoint: endpoint)
        if case .rtu = endpoint {
            // 3.5 characters of silence at the line's baud rate, at least 1.75 ms (the standard's floor above 19200).
            // Modbus RTU times a character as 11 bits (8N1 is sent as 10, but the spec's t3.5 assumes parity or a
            // second stop bit: 4.01 ms at 9600); a longer frame (8E2) counts as it is.
            let bits = max(11, serial.bitsPerCharacter)
            let characterMicroseconds = Double(bits) * 1_000_000 / Double(serial.baud)
            settings.requestGap = .microseconds(Int64(max(1750, 3.5 * characterMicroseconds)))
        }
        if let value = section.duration("response_timeout", in: .milliseconds(10)...(.seconds(10))) {
            settings.responseTimeout = value
        }
        if let value = section.duration("request_gap", in: .zero...(.seconds(1))) { settings.requestGap = value }
        if let value = section.duration("poll_interval", in: .milliseconds(1)...(.seconds(60))) {
            settings.pollInterval = value
        }
        if let value = section.integer("failures_before_backoff", in: 1...100) {
            settings.failuresBeforeBackoff = Int(value)
        }
        if let value = section.duration("backoff_max", in: .milliseconds(100)...(.seconds(3600))) {
            settings.slaveBackoffMaximum = value
            settings.reconnectMaximum = value
        }
        return settings
    }

    static func parseEndpoint(_ text: String, serial: SerialSettings) -> ModbusEndpoint? {
        if text.hasPrefix("rtu:") {
            let path = String(text.dropFirst(4))
            return path.hasPrefix("/") ? .rtu(path: path, serial: serial) : nil
        }
        guard text.hasPrefix("tcp://") else { return nil }
        let rest = text.dropFirst(6)
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]),
            (1...65535).contains(port), colon != rest.startIndex
        else { return nil }
        var host = rest[..<colon]
        // IPv6 literals are bracketed in the address ("tcp://[fd00::5]:502"); libmodbus wants them bare.
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2
        if bracketed { host = host.dropFirst().dropLast() }
        guard isValidHost(host, allowingColons: bracketed) else { return nil }
        return .tcp(host: String(host), port: port)
    }

    /// A host name (letters, digits, '-', '.'), an IPv4 literal, or (bracketed) an IPv6 literal: what getaddrinfo
    /// can resolve. Anything else (a space, a path) would only fail at every connect.
    static func isValidHost(_ host: Substring, allowingColons: Bool) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".": true
            case ":": allowingColons
            default: false
            }
        }
    }
}
