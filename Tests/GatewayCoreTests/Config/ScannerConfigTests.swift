import Testing

@testable import GatewayCore

@Suite("Scanner and dock configuration")
struct ScannerConfigTests {
    static let header = "[gateway]\nid = \"gw\"\n"

    func load(_ text: String) throws(ConfigError) -> GatewayConfig {
        try GatewayConfig.load(text: Self.header + text, file: "gw.toml")
    }

    func issues(_ text: String) -> [ConfigIssue] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func threeScannerTypesAndADock() throws {
        let config = try load("""
            [[scanner]]
            id = "dock-1-wedge"
            type = "evdev"
            path = "/dev/spd/scanner-wedge-17081B1234"
            station = "dock-1"
            keymap = "de"
            gs_substitutes = ["<GS>", "#"]
            terminator = "none"
            idle_timeout = "60ms"
            grab = false

            [[scanner]]
            id = "dock-1-pos"
            type = "hidpos"
            match_usb_id = "0C2E:0B81"
            match_serial = "17081B1234"
            station = "dock-1"
            hidpos_feature_report = true

            [[scanner]]
            id = "dock-2-serial"
            type = "serial"
            match_port = "pci-0000_00_14_0-usb-0_2_1_0"
            station = "dock-2"
            baud = 115200
            terminator = "crlf"
            double_read_window = "1s"

            [dock]
            return_mode_code = "RETURN-MODE"
            binding_timeout = "10m"
            """)
        #expect(config.scanners.count == 3)
        let wedge = config.scanners[0]
        #expect(wedge.kind == .evdev)
        #expect(wedge.keymap == .de)
        #expect(wedge.wedgeTerminators.isEmpty)
        #expect(wedge.idleTimeout == .milliseconds(60))
        #expect(wedge.gsSubstitutes == ["<GS>", "#"])
        #expect(wedge.grab == false)
        let pos = config.scanners[1]
        #expect(pos.match == ScannerSettings.Match(vendorID: "0c2e", productID: "0b81", serial: "17081B1234"))
        #expect(pos.path == nil)
        #expect(pos.hidposFeatureReport)
        let serial = config.scanners[2]
        #expect(serial.baud == 115_200)
        #expect(serial.serialTerminator == .crlf)
        #expect(serial.doubleReadWindow == .seconds(1))
        #expect(config.dock == DockSettings(returnModeCode: "RETURN-MODE", bindingTimeout: .seconds(600)))
    }

    @Test func defaults() throws {
        let config = try load(
            "[[scanner]]\nid = \"s\"\ntype = \"evdev\"\npath = \"/dev/input/event3\"\nstation = \"d\"\n")
        let scanner = config.scanners[0]
        #expect(scanner.keymap == .us)
        #expect(scanner.wedgeTerminators == [.enter])
        #expect(scanner.idleTimeout == nil)
        #expect(scanner.doubleReadWindow == .milliseconds(500))
        #expect(scanner.grab)
        #expect(config.dock == nil)
    }

    @Test func everyIssueHasFileLineAndKey() {
        let found = issues("""
            [[scanner]]
            id = "bad id"
            type = "usb"
            station = "d"
            keymap = "jp"
            baud = 12345
            terminatr = "cr"

            [[scanner]]
            id = "s2"
            type = "serial"
            station = "d"
            terminator = "enter"
            path = "/dev/ttyACM0"

            [[scanner]]
            id = "s3"
            type = "evdev"
            station = "d"
            """)
        let byKey = Dictionary(found.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKey["scanner[0].id"]?.position?.line == 4)
        #expect(byKey["scanner[0].type"]?.message.contains("\"evdev\"") == true)
        #expect(byKey["scanner[0].keymap"]?.message.contains("\"jp\"") == true)
        #expect(byKey["scanner[0].baud"]?.position?.line == 8)
        #expect(byKey["scanner[0].terminatr"]?.message.contains("did you mean 'terminator'") == true)
        #expect(byKey["scanner[1].terminator"]?.message.contains("\"cr\", \"crlf\"") == true)
        #expect(byKey["scanner[2].path"]?.message.contains("match_usb_id") == true)
        #expect(found.allSatisfy { $0.file == "gw.toml" })
    }

    /// Regression: keys another type of scanner reads (`baud` on a keyboard wedge, `keymap` on a serial scanner)
    /// were accepted and ignored, so `check-config` passed a scanner that would run without them.
    @Test func keysOfAnotherScannerTypeFailWithFileLineAndTheType() {
        let found = issues("""
            [[scanner]]
            id = "wedge"
            type = "evdev"
            path = "/dev/input/event3"
            station = "d"
            baud = 115200
            hidpos_feature_report = true

            [[scanner]]
            id = "serial"
            type = "serial"
            path = "/dev/ttyACM0"
            station = "d"
            keymap = "de"
            grab = false
            human_gap = "40ms"
            min_length = 4

            [[scanner]]
            id = "pos"
            type = "hidpos"
            path = "/dev/hidraw0"
            station = "d"
            idle_timeout = "50ms"
            terminator = "none"
            """)
        let located = found.map { "\($0.position?.line ?? 0):\($0.position?.column ?? 0) \($0.key): \($0.message)" }
        #expect(
            located == [
                "8:8 scanner[0].baud: applies only to serial scanners (this scanner is evdev)",
                "9:25 scanner[0].hidpos_feature_report: applies only to hidpos scanners (this scanner is evdev)",
                "16:10 scanner[1].keymap: applies only to evdev scanners (this scanner is serial)",
                "17:8 scanner[1].grab: applies only to evdev scanners (this scanner is serial)",
                "18:13 scanner[1].human_gap: applies only to evdev scanners (this scanner is serial)",
                "19:14 scanner[1].min_length: applies only to evdev scanners (this scanner is serial)",
                "26:16 scanner[2].idle_timeout: applies only to evdev and serial scanners (this scanner is hidpos)",
                "27:14 scanner[2].terminator: applies only to evdev and serial scanners (this scanner is hidpos)",
            ])
        #expect(
            found.first?.description
                == "gw.toml:8:8: scanner[0].baud: applies only to serial scanners (this scanner is evdev)")
    }

    /// Each type's own keys, and the keys every type reads, still load.
    @Test(arguments: [
        ("evdev", "keymap = \"fr\"\ngrab = false\nhuman_gap = \"40ms\"\nmin_length = 4\nterminator = \"tab\"\n"),
        ("serial", "baud = 19200\nterminator = \"none\"\nidle_timeout = \"80ms\"\n"),
        ("hidpos", "hidpos_feature_report = true\n"),
    ])
    func eachTypeAcceptsItsOwnKeys(type: String, keys: String) throws {
        let common = "gs_substitutes = [\"#\"]\ndouble_read_window = \"1s\"\ndock = false\n"
        let config = try load(
            "[[scanner]]\nid = \"s\"\ntype = \"\(type)\"\npath = \"/dev/x\"\nstation = \"d\"\n" + common + keys)
        #expect(config.scanners.first?.kind.rawValue == type)
        #expect(config.scanners.first?.dock == false)
    }

    @Test func duplicateIdsAndDockValues() {
        let found = issues("""
            [[scanner]]
            id = "s"
            type = "serial"
            path = "/dev/ttyACM0"
            station = "d"

            [[scanner]]
            id = "s"
            type = "serial"
            path = "/dev/ttyACM1"
            station = "d"

            [dock]
            binding_timeout = "1s"
            """)
        #expect(found.map(\.key).sorted() == ["dock.binding_timeout", "scanner[1].id"])
    }
}
