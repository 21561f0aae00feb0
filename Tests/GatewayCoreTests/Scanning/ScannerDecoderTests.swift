import Foundation
import Testing

@testable import GatewayCore

@Suite("Scanner decoder and udev matching")
struct ScannerDecoderTests {
    static func settings(_ kind: ScannerSettings.Kind) -> ScannerSettings {
        ScannerSettings(id: "s", kind: kind, path: "/dev/x", station: "d")
    }

    static func decodeInChunks(_ decoder: inout ScannerDecoder, _ bytes: [UInt8], chunk: Int) -> [String] {
        var texts: [String] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            texts += decoder.decode(read: bytes[offset..<end], atNanoseconds: UInt64(end)).map(\.text)
            offset = end
        }
        return texts
    }

    @Test(arguments: [1, 7, 24, 25, 64, 100, 4096])
    func everyKindDecodesAcrossChunkSizes(chunk: Int) throws {
        let codes = ["0104150123456782\u{1D}10A", "SECOND"]
        let wedge = try codes.reduce(into: (bytes: [UInt8](), time: UInt64(0))) { state, code in
            let typed = try KeystrokeEncoder(layout: .fr).events(for: code, terminator: .enter, startingAt: state.time)
            state.bytes += typed.events.flatMap(\.record)
            state.time = typed.end
        }.bytes
        var settings = Self.settings(.evdev)
        settings.keymap = .fr
        var evdev = ScannerDecoder(settings: settings)
        #expect(Self.decodeInChunks(&evdev, wedge, chunk: chunk) == codes)

        var hidpos = ScannerDecoder(settings: Self.settings(.hidpos), messageBoundaries: false)
        let reports = codes.flatMap { HIDPOSReportAssembler.reports(for: Array($0.utf8)).flatMap { $0 } }
        #expect(Self.decodeInChunks(&hidpos, reports, chunk: chunk) == codes)

        var serial = ScannerDecoder(settings: Self.settings(.serial))
        #expect(Self.decodeInChunks(&serial, codes.flatMap { Array($0.utf8) + [0x0D, 0x0A] }, chunk: chunk) == codes)
    }

    @Test func hidrawReadsAreWholeReports() {
        var decoder = ScannerDecoder(settings: Self.settings(.hidpos), messageBoundaries: true)
        let report = HIDPOSReportAssembler.reports(for: Array("ABCDEF".utf8))[0]
        #expect(decoder.decode(read: report[0..<8], atNanoseconds: 0).first?.damage?.contains("truncated") == true)
        #expect(decoder.decode(read: report[...], atNanoseconds: 1).map(\.text) == ["ABCDEF"])
    }

    @Test func idleAndInterruptThroughTheCommonInterface() {
        var settings = Self.settings(.serial)
        settings.serialTerminator = .none
        settings.idleTimeout = .milliseconds(20)
        var decoder = ScannerDecoder(settings: settings)
        #expect(decoder.decode(read: Array("AB".utf8)[...], atNanoseconds: 1_000).isEmpty)
        #expect(decoder.idleDeadline == 20_001_000)
        #expect(decoder.flushIfIdle(atNanoseconds: 20_001_000)?.text == "AB")
        _ = decoder.decode(read: Array("C".utf8)[...], atNanoseconds: 30_000_000)
        #expect(decoder.interrupt(reason: "unplugged")?.end == .interrupted)
    }

    @Test func udevSelectionPrefersTheKeyboardNodeOfTheMatchingScanner() {
        var settings = Self.settings(.evdev)
        settings.match = ScannerSettings.Match(vendorID: "0c2e", productID: "0b81", serial: "17081B1234")
        let other = [
            "ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b81", "ID_SERIAL_SHORT": "OTHER", "ID_INPUT_KEYBOARD": "1",
        ]
        let consumerKeys = ["ID_VENDOR_ID": "0C2E", "ID_MODEL_ID": "0b81", "ID_SERIAL_SHORT": "17081B1234"]
        var keyboard = consumerKeys
        keyboard["ID_INPUT_KEYBOARD"] = "1"
        keyboard["SPD_GATEWAY_ROLE"] = "scanner"
        keyboard["SPD_SCANNER_KIND"] = "wedge"
        #expect(settings.selectNode(among: [other, consumerKeys, keyboard]) == 2)
        #expect(settings.selectNode(among: [other]) == nil)
        settings.match = ScannerSettings.Match(port: "pci-0000_00_14_0-usb-0_3_1_0")
        #expect(settings.selectNode(among: [["ID_PATH_TAG": "pci-0000_00_14_0-usb-0_3_1_0"]]) == 0)
        #expect(ScannerSettings.Match().matches(properties: [:]) == false)
    }

    @Test func propertyNamesAgreeWithTheProjectsUdevRules() throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("udev-rules/60-spd-gateway.rules")
        let text = try String(contentsOf: rules, encoding: .utf8)
        for kind in ScannerSettings.Kind.allCases {
            #expect(text.contains("ENV{SPD_SCANNER_KIND}=\"\(kind.deviceKind)\""), "kind \(kind)")
            #expect(text.contains("SUBSYSTEM==\"\(kind.udevSubsystem)\""), "subsystem of \(kind)")
        }
        for property in ["SPD_GATEWAY_ROLE}=\"scanner\"", "ID_SERIAL_SHORT", "ID_PATH_TAG", "ID_INPUT_KEYBOARD"] {
            #expect(text.contains(property), "\(property)")
        }
    }
}
