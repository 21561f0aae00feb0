import Foundation
import GatewayCore

/// A `spd-sim scanner` scenario file (JSON): what the simulated scanner is and what it does, step by step.
///
/// ```json
/// {"type": "evdev", "keymap": "de", "gs": "control", "terminator": "enter", "inter_key_ms": 8,
///  "steps": [{"scan": "0104150123456782\u001d10LOT1"}, {"partial": "0104"}, {"unplug": true},
///            {"replug": true}, {"garbage_hex": "fffe00"}, {"pause_ms": 50}]}
/// ```
struct ScannerScenario: Decodable {
    /// `evdev`, `hidpos` or `serial`.
    var type: String
    /// Wedge: the layout the scanner types on (us, uk, de, fr).
    var keymap: String?
    /// Wedge: how GS is typed: `control` (Ctrl+]), `alt` (Alt+keypad 029), or `substitute` (see below).
    var gs: String?
    /// The text typed instead of GS when `gs` is `substitute`.
    var gsSubstitute: String?
    /// Wedge: enter, tab, none. Serial: cr, crlf, lf, tab, none.
    var terminator: String?
    /// HID-POS: the AIM symbology identifier sent with each scan (e.g. `]d2`); none when absent.
    var aim: String?
    /// Wedge: milliseconds between keys (scanners 7-16; a person 100+).
    var interKeyMs: Int?
    /// Wedge: write each key at its time instead of a whole scan at once (timestamps are the same either way).
    var paced: Bool?
    /// Extra `[[scanner]]` keys (and tables such as `[dock]`) written into a capture's configuration.
    var captureConfig: [String]?
    var steps: [Step]

    /// The `[[scanner]]` TOML a capture of this scenario is replayed with (see `--capture`).
    var configurationLines: [String] {
        var lines = ["[[scanner]]", "id = \"fixture\"", "type = \"\(type)\"", "path = \"/dev/spd/fixture\"",
            "station = \"dock-1\""]
        if type == "evdev" { lines.append("keymap = \"\(keymap ?? "us")\"") }
        if let terminator, type != "hidpos" { lines.append("terminator = \"\(terminator)\"") }
        if gs == "substitute" { lines.append("gs_substitutes = [\"\(gsSubstitute ?? "<GS>")\"]") }
        return lines + (captureConfig ?? [])
    }

    struct Step: Decodable {
        /// A complete scan (terminator included).
        var scan: String?
        /// The first part of a scan, without terminator (HID-POS: the first report of a longer scan).
        var partial: String?
        /// Raw bytes, as hex, written as they are.
        var garbageHex: String?
        /// Wedge: a SYN_DROPPED marker (the kernel's buffer overflowed).
        var synDropped: Bool?
        var pauseMs: Int?
        /// Close the device (the master side of the pty) and remove the link: the daemon sees an unplug.
        var unplug: Bool?
        /// Create a new device at the same path and wait for the daemon to open it.
        var replug: Bool?
    }

    static func load(path: String) throws -> ScannerScenario {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ScannerScenario.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Turns scenario steps into the bytes the device node delivers.
struct ScenarioEncoder {
    let scenario: ScannerScenario
    let keystrokes: KeystrokeEncoder?

    init(_ scenario: ScannerScenario) throws {
        self.scenario = scenario
        guard scenario.type == "evdev" else {
            keystrokes = nil
            return
        }
        guard let name = KeyboardLayout.Name(rawValue: scenario.keymap ?? "us") else {
            throw ScenarioError(message: "unknown keymap \(scenario.keymap ?? "")")
        }
        let style: KeystrokeEncoder.GroupSeparatorStyle
        switch scenario.gs ?? "control" {
        case "control": style = .control
        case "alt": style = .altKeypad
        case "substitute": style = .substitute(scenario.gsSubstitute ?? "<GS>")
        case let other: throw ScenarioError(message: "unknown gs style \(other)")
        }
        keystrokes = KeystrokeEncoder(
            layout: .named(name), groupSeparator: style, interKey: .milliseconds(scenario.interKeyMs ?? 8))
    }

    /// The writes for `text`, each with the delay before it (only for paced wedges); `complete` adds the
    /// terminator (or, for HID-POS, sends every report).
    func writes(for text: String, complete: Bool, at start: UInt64) throws -> [(delay: UInt64, bytes: [UInt8])] {
        switch scenario.type {
        case "evdev":
            let terminator: WedgeTerminator? =
                complete ? WedgeTerminator(rawValue: scenario.terminator ?? "enter") : nil
            let events = try keystrokes!.events(for: text, terminator: terminator, startingAt: start).events
            guard scenario.paced == true else { return [(0, events.flatMap(\.record))] }
            var previous = start
            return events.map { event in
                defer { previous = event.timeNanoseconds }
                return (event.timeNanoseconds - previous, event.record)
            }
        case "hidpos":
            let reports = HIDPOSReportAssembler.reports(for: Array(text.utf8), symbology: scenario.aim ?? "")
            guard !complete else { return [(0, reports.flatMap { $0 })] }
            // The first report, flagged "more follows", and nothing after it.
            var first = reports[0]
            first[HIDPOSReportAssembler.reportSize - 1] = 1
            return [(0, first)]
        default:
            let suffix: [UInt8]
            switch complete ? scenario.terminator ?? "cr" : "none" {
            case "cr": suffix = [0x0D]
            case "crlf": suffix = [0x0D, 0x0A]
            case "lf": suffix = [0x0A]
            case "tab": suffix = [0x09]
            default: suffix = []
            }
            return [(0, Array(text.utf8) + suffix)]
        }
    }

    /// When the scan's last key is typed (wedges; other kinds send at once).
    func endTime(for text: String, complete: Bool, at start: UInt64) throws -> UInt64 {
        guard let keystrokes else { return start }
        let terminator: WedgeTerminator? = complete ? WedgeTerminator(rawValue: scenario.terminator ?? "enter") : nil
        return try keystrokes.events(for: text, terminator: terminator, startingAt: start).end
    }

    static func bytes(hex: String) throws -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        guard digits.count % 2 == 0 else { throw ScenarioError(message: "odd number of hex digits: \(hex)") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else {
                throw ScenarioError(message: "not hex: \(hex)")
            }
            return byte
        }
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
