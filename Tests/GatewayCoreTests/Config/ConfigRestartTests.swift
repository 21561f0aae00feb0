import Testing

@testable import GatewayCore

/// What a SIGHUP reload must name as needing a restart: every change outside the reloadable `[log]`.
@Suite("Configuration changes that need a restart")
struct ConfigRestartTests {
    static let gateway = "[gateway]\nid = \"gw\"\n"

    func load(_ text: String) throws -> GatewayConfig {
        try GatewayConfig.load(text: Self.gateway + text, file: "gw.toml")
    }

    func restartKeys(from old: String, to new: String) throws -> [String] {
        try load(new).changesNeedingRestart(since: load(old))
    }

    /// The demo configuration with every optional section present, so that every section and key can be seen.
    static func complete() throws -> GatewayConfig {
        var config = try GatewayConfig.load(text: DemoConfig.text, file: DemoConfig.fileName)
        config.backend?.tls = TLSSettings(caFile: "/etc/spd-gateway/ca.pem")
        config.dock = config.dock ?? DockSettings()
        #expect(config.backend != nil && config.networkScanner != nil && config.metrics != nil)
        #expect(!config.modbusBuses.isEmpty && !config.cabinets.isEmpty && !config.scanners.isEmpty)
        return config
    }

    /// Regression: a changed backend address was reloaded as "configuration reloaded" while the daemon stayed
    /// connected to the old backend.
    @Test func backendChangesAreNamedKeyByKey() throws {
        let old = "[backend]\naddress = \"tcp://10.0.0.1:7400\"\n"
        let new = """
            [backend]
            address = "tcp://10.0.0.2:7400"
            window = 64
            reconnect_max = "1m"
            max_line_bytes = 4096

            [backend.tls]
            ca_file = "/etc/spd-gateway/ca.pem"
            """
        #expect(
            try restartKeys(from: old, to: new) == [
                "backend.address", "backend.window", "backend.reconnect_max", "backend.max_line_bytes",
                "backend.tls",
            ])
        // A backend added or removed is the whole section.
        #expect(try restartKeys(from: "", to: old) == ["backend"])
        #expect(try restartKeys(from: old, to: "") == ["backend"])
    }

    @Test func outboxChangeIsNamed() throws {
        #expect(
            try restartKeys(from: "[outbox]\nhigh_water_mark = 1000\n", to: "[outbox]\nhigh_water_mark = 2000\n")
                == ["outbox.high_water_mark"])
        // Writing out the default is no change.
        #expect(try restartKeys(from: "", to: "[outbox]\nhigh_water_mark = 100000\n").isEmpty)
    }

    @Test func siteNetworkScannerControlAndMetricsChangesAreNamed() throws {
        let old = """
            [network_scanner]
            listen = "tcp://127.0.0.1:7410"
            station = "pda-1"

            [metrics]
            listen = "tcp://127.0.0.1:9464"
            """
        let new = """
            site = "cath lab 2"

            [network_scanner]
            listen = "tcp://127.0.0.1:7411"
            station = "pda-1"

            [control]
            enabled = false
            """
        #expect(
            try restartKeys(from: old, to: new) == [
                "gateway.site", "network_scanner.listen", "control.enabled", "metrics",
            ])
    }

    @Test func logChangesAndIdenticalFilesNeedNoRestart() throws {
        #expect(try restartKeys(from: "[log]\nlevel = \"info\"\n", to: "[log]\nlevel = \"debug\"\nformat = \"text\"\n")
            .isEmpty)
        let demo = try GatewayConfig.load(text: DemoConfig.text, file: DemoConfig.fileName)
        let again = try GatewayConfig.load(text: DemoConfig.text, file: DemoConfig.fileName)
        #expect(again.changesNeedingRestart(since: demo).isEmpty)
    }

    @Test func arraysOfTablesAreNamedAsTheirSection() throws {
        let scanner = "[[scanner]]\nid = \"s\"\ntype = \"serial\"\npath = \"/dev/ttyACM0\"\nstation = \"d\"\n"
        #expect(try restartKeys(from: scanner, to: scanner + "baud = 19200\n") == ["scanner"])
        #expect(try restartKeys(from: "", to: scanner) == ["scanner"])
    }

    /// Fails when a section is added to ``GatewayConfig`` and not changed here: decide whether a reload applies it
    /// (then it goes into `GatewayConfig.reloadableSections`, with an applier in the daemon) or it needs a restart,
    /// and change it below. Either way the comparison, which finds the sections by reflection, already covers it.
    @Test func everySectionButLogIsCompared() throws {
        let old = try Self.complete()
        var new = old
        new.gateway.site += " (moved)"
        new.log.level = .trace
        new.backend?.window += 1
        new.outbox.highWaterMark += 1
        new.networkScanner?.station += "-2"
        new.control.enabled.toggle()
        new.metrics = nil
        new.modbusBuses[0].pollInterval += .milliseconds(1)
        new.cabinets[0].id += "-2"
        new.scanners.removeLast()
        new.dock?.bindingTimeout += .seconds(1)

        let sections = Mirror(reflecting: old).children.compactMap(\.label).map(GatewayConfig.sectionName)
        let named = Set(new.changesNeedingRestart(since: old).map { $0.split(separator: ".")[0] }.map(String.init))
        #expect(sections.count == 11, "a section was added or removed: see this test's comment")
        #expect(named == Set(sections).subtracting(GatewayConfig.reloadableSections))
        #expect(GatewayConfig.reloadableSections == ["log"])
    }

    /// The names in the log are the keys an operator finds in the file: every section and key name derived from a
    /// property is one the reader knows (an unknown one would be reported as `unknown key`).
    @Test func everyDerivedNameIsAKeyTheReaderKnows() throws {
        var names: [String] = []
        for section in Mirror(reflecting: try Self.complete()).children {
            let name = GatewayConfig.sectionName(section.label ?? "")
            names.append(name)
            guard let value = GatewayConfig.unwrapped(section.value) else { continue }
            let fields = Mirror(reflecting: value)
            guard fields.displayStyle == .struct else { continue }
            names += fields.children.map { name + "." + GatewayConfig.keyName($0.label ?? "", in: name) }
        }
        #expect(names.contains("backend.reconnect_min") && names.contains("gateway.state_directory"))
        for name in names {
            #expect(!isUnknown(name), "\(name) is not a key of the configuration file")
        }
        // The check itself: a Swift name that is not the file's key is caught.
        #expect(isUnknown("backend.endpoint"))
        #expect(isUnknown("modbus_buses"))
    }

    /// Whether the reader reports `name` (`section` or `section.key`) as an unknown key.
    func isUnknown(_ name: String) -> Bool {
        let parts = name.split(separator: ".").map(String.init)
        let text = parts.count == 1 ? "\(parts[0]) = 0\n" : "[\(parts[0])]\n\(parts[1]) = 0\n"
        do {
            _ = try GatewayConfig.load(text: text, file: "gw.toml")
            return false
        } catch {
            #expect(error.code == .invalid, "\(error)")
            return error.issues.contains { $0.key == name && $0.message.hasPrefix("unknown key") }
        }
    }
}
