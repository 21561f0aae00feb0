import Foundation
import Testing

/// The real daemon reading scanners through `spd-sim scanner` stand-ins (ptys at configured paths), forwarding
/// to the real backend simulator: every scanner type, unplugged mid-scan and replugged, garbage, many at once.
@Suite("Scanners against the real daemon", .serialized)
struct ScannerDeviceTests {
    static let itemA = "0104150123456782\u{1D}10LOT1\u{1D}17271231"
    static let itemB = "0109506000134352\u{1D}21SN-42"

    static func config(_ directory: TemporaryDirectory, scanners: String, extra: String = "") -> String {
        """
        [gateway]
        id = "scan-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "info"
        format = "text"

        [backend]
        address = "unix:\(directory.file("backend.sock"))"
        heartbeat_interval = "500ms"
        reconnect_min = "50ms"
        reconnect_max = "300ms"

        \(scanners)
        \(extra)
        """
    }

    static func scanner(_ id: String, type: String, path: String, _ options: String = "") -> String {
        "[[scanner]]\nid = \"\(id)\"\ntype = \"\(type)\"\npath = \"\(path)\"\nstation = \"dock-\(id)\"\n\(options)\n"
    }

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    struct Case: Sendable, CustomStringConvertible {
        var type: String
        var options: String
        var scenario: [String: any Sendable]
        var garbage: [String: any Sendable]
        var garbageEvents: [String]
        var description: String { type }
    }

    static let cases: [Case] = [
        Case(
            type: "evdev", options: "keymap = \"de\"",
            scenario: ["type": "evdev", "keymap": "de", "gs": "alt"], garbage: ["syn_dropped": true],
            garbageEvents: []),
        Case(
            type: "hidpos", options: "", scenario: ["type": "hidpos", "aim": "]d2"],
            garbage: ["garbage_hex": "01" + String(repeating: "ff", count: 63)], garbageEvents: []),
        Case(
            type: "serial", options: "terminator = \"crlf\"\nbaud = 115200",
            scenario: ["type": "serial", "terminator": "crlf"], garbage: ["garbage_hex": "fffe000d0a"],
            garbageEvents: ["scan \"\u{FFFD}\u{FFFD}\\0\""]),
    ]

    @Test(arguments: cases)
    func scansGarbageUnplugMidScanAndReplug(_ testCase: Case) async throws {
        let directory = try TemporaryDirectory("scanner-\(testCase.type)")
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        var scenario = testCase.scenario
        scenario["steps"] = [
            ["scan": Self.itemA], testCase.garbage, ["partial": "0104150"], ["unplug": true], ["replug": true],
            ["scan": Self.itemB],
        ]
        let simulator = try ScannerSimProcess(in: directory, name: "scanner", scenario: Self.json(scenario))
        let config = Self.config(
            directory, scanners: Self.scanner("s1", type: testCase.type, path: simulator.path, testCase.options))
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try directory.write("gw.toml", config)], in: directory)
        #expect(await simulator.waitForOutput("scenario done"), "\(simulator.process.stdout)\(daemon.stderr)")
        let prefix = testCase.type == "hidpos" ? "]d2" : ""
        let events = await backend.waitForEvents { events in
            events.contains { $0["raw"] as? String == prefix + Self.itemB }
        }
        var expected = ["device attached", "scan \((prefix + Self.itemA).debugDescription)"] + testCase.garbageEvents
        expected += [
            "scan \((prefix + "0104150").debugDescription) [partial_scan]", "device detached", "device attached",
        ]
        expected += ["scan \((prefix + Self.itemB).debugDescription)"]
        #expect(events.map(summary) == expected, "\(daemon.stderr)")
        // The fault suite's books: three scans were typed (one cut off by the unplug), each must arrive once.
        var tally = FaultTally(
            fault: "scanner unplug mid-scan (\(testCase.type))",
            injected: "garbage, then an unplug 7 bytes into a scan, then a replug")
        tally.sent = 3
        tally.accepted = events.filter { $0["type"] as? String == "scan" && !($0["raw"] as? String ?? "").isEmpty }
            .filter { testCase.garbageEvents.isEmpty || !($0["raw"] as? String ?? "").contains("\u{FFFD}") }
            .compactMap { $0["id"] as? String }
        let (lost, duplicated) = tally.report(received: try backend.receivedEvents())
        #expect(tally.accepted.count == 3 && lost == 0 && duplicated == 0)
        let first = try #require(events.first { $0["raw"] as? String == prefix + Self.itemA })
        let code = try #require(first["code"] as? [String: Any])
        #expect(code["kind"] as? String == "gs1")
        #expect(code["lot"] as? String == "LOT1")
        #expect(first["station"] as? String == "dock-s1")
        #expect(sourceID(first) == "s1")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func tenScannersScanningAtOnceNeverMixCharacters() async throws {
        let directory = try TemporaryDirectory("scanner-ten")
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let kinds = ["evdev", "evdev", "evdev", "evdev", "hidpos", "hidpos", "hidpos", "serial", "serial", "serial"]
        let layouts = ["us", "uk", "de", "fr"]
        var simulators: [ScannerSimProcess] = []
        var scanners = ""
        for (index, kind) in kinds.enumerated() {
            let codes = (1...5).map { "SCANNER\(index)-CODE\($0)-" + String(repeating: "\(index)", count: 20) }
            var scenario: [String: Any] = ["type": kind, "steps": codes.map { ["scan": $0] }]
            scenario["keymap"] = layouts[index % layouts.count]
            let simulator = try ScannerSimProcess(in: directory, name: "s\(index)", scenario: Self.json(scenario))
            simulators.append(simulator)
            let options = kind == "evdev" ? "keymap = \"\(layouts[index % layouts.count])\"" : ""
            scanners += Self.scanner("s\(index)", type: kind, path: simulator.path, options)
        }
        let config = Self.config(directory, scanners: scanners)
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try directory.write("gw.toml", config)], in: directory)
        for simulator in simulators { #expect(await simulator.waitForOutput("scenario done")) }
        let events = await backend.waitForEvents { $0.filter { $0["type"] as? String == "scan" }.count >= 50 }
        for index in kinds.indices {
            let scans = events.filter { $0["type"] as? String == "scan" && sourceID($0) == "s\(index)" }
            let expected = (1...5).map { "SCANNER\(index)-CODE\($0)-" + String(repeating: "\(index)", count: 20) }
            #expect(scans.compactMap { $0["raw"] as? String } == expected, "scanner s\(index) (\(kinds[index]))")
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func dockReturnModeAndDoubleReadSuppression() async throws {
        let directory = try TemporaryDirectory("scanner-dock")
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let steps: [[String: Any]] = [
            ["scan": Self.itemA], ["scan": Self.itemA], ["scan": "RETURN-MODE"], ["scan": Self.itemB],
        ]
        let simulator = try ScannerSimProcess(
            in: directory, name: "dock", scenario: Self.json(["type": "serial", "terminator": "cr", "steps": steps]))
        let config = Self.config(
            directory,
            scanners: Self.scanner("d1", type: "serial", path: simulator.path, "double_read_window = \"5s\""),
            extra: "[dock]\nreturn_mode_code = \"RETURN-MODE\"\nbinding_timeout = \"5m\"\n")
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try directory.write("gw.toml", config)], in: directory)
        #expect(await simulator.waitForOutput("scenario done"))
        let events = await backend.waitForEvents { $0.contains { $0["raw"] as? String == Self.itemB } }
        #expect(
            events.map(summary) == [
                "device attached", "scan \(Self.itemA.debugDescription)", "scan \"RETURN-MODE\"",
                "return \(Self.itemB.debugDescription)",
            ], "\(daemon.stderr)")
        #expect(events.last?["session"] as? String != nil)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
