import Testing

@testable import GatewayCore

@Suite("HID-POS report assembler")
struct HIDPOSReportAssemblerTests {
    static let long = Array(("0104150123456782\u{1D}21" + String(repeating: "S", count: 90)).utf8)

    @Test func reportLayout() {
        let reports = HIDPOSReportAssembler.reports(for: Array("ABC".utf8), symbology: "]d2")
        #expect(reports.count == 1)
        #expect(reports[0].count == 64)
        #expect(Array(reports[0][0..<8]) == [2, 3, 0x5D, 0x64, 0x32, 0x41, 0x42, 0x43])
        #expect(reports[0][63] == 0)
    }

    @Test func multiReportScanAssemblesWithAimID() {
        let reports = HIDPOSReportAssembler.reports(for: Self.long, symbology: "]d2")
        #expect(reports.count == 2)
        #expect(reports[0][63] == 1)
        var assembler = HIDPOSReportAssembler()
        #expect(assembler.decode(report: reports[0][...], atNanoseconds: 1) == nil)
        #expect(assembler.hasPartialScan)
        let frame = assembler.decode(report: reports[1][...], atNanoseconds: 2)
        #expect(frame?.bytes == Self.long)
        #expect(frame?.symbology == "]d2")
        #expect(frame?.isComplete == true)
        #expect(frame?.firstNanoseconds == 1)
    }

    @Test(arguments: [1, 3, 63, 64, 65, 100, 128, 1000])
    func streamOfReportsAcrossChunkSizes(chunk: Int) {
        let bytes = (HIDPOSReportAssembler.reports(for: Self.long) + HIDPOSReportAssembler.reports(for: [0x31]))
            .flatMap { $0 }
        var assembler = HIDPOSReportAssembler()
        var texts: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            var slice = bytes[offset..<min(offset + chunk, bytes.count)]
            offset += slice.count
            while let frame = assembler.decode(stream: &slice, atNanoseconds: 0) { texts.append(frame.bytes) }
        }
        #expect(texts == [Self.long, [0x31]])
    }

    @Test func truncatedReportEndsTheScanAsDamaged() {
        var assembler = HIDPOSReportAssembler()
        let report = HIDPOSReportAssembler.reports(for: Array("ABCDEFGH".utf8))[0]
        let frame = assembler.decode(report: report[0..<9], atNanoseconds: 0)
        #expect(frame?.text == "ABCD")
        #expect(frame?.damage?.contains("truncated") == true)
        #expect(assembler.counters.malformedReports == 1)
    }

    @Test func foreignReportsAndGarbageAreCountedNotReported() {
        var assembler = HIDPOSReportAssembler()
        #expect(assembler.decode(report: [1, 2, 3][...], atNanoseconds: 0) == nil)
        #expect(assembler.decode(report: [][...], atNanoseconds: 0) == nil)
        #expect(assembler.decode(report: [2, 1][...], atNanoseconds: 0) == nil)
        #expect(assembler.counters.foreignReports == 2)
        #expect(assembler.counters.malformedReports == 1)
        // The damage note travels with the next scan.
        let next = assembler.decode(report: HIDPOSReportAssembler.reports(for: [0x41])[0][...], atNanoseconds: 1)
        #expect(next?.text == "A")
        #expect(next?.damage != nil)
    }

    @Test func oversizeLengthIsClamped() {
        var report = HIDPOSReportAssembler.reports(for: Array(repeating: 0x41, count: 56))[0]
        report[1] = 200
        var assembler = HIDPOSReportAssembler()
        let frame = assembler.decode(report: report[...], atNanoseconds: 0)
        #expect(frame?.bytes.count == 56)
        #expect(frame?.damage?.contains("200") == true)
    }

    @Test func unplugBetweenReportsGivesThePartialScan() {
        var assembler = HIDPOSReportAssembler()
        let reports = HIDPOSReportAssembler.reports(for: Self.long)
        _ = assembler.decode(report: reports[0][...], atNanoseconds: 0)
        let partial = assembler.interrupt(reason: "device unplugged")
        #expect(partial?.bytes.count == 56)
        #expect(partial?.end == .interrupted)
        #expect(assembler.interrupt(reason: "x") == nil)
    }
}

@Suite("HID report descriptor")
struct HIDReportDescriptorTests {
    @Test func barCodeScannerPageIsFound() {
        // Usage Page (0x8C), Usage (0x02 bar code scanner), Collection (Application), ..., Usage Page (vendor 0xFF45).
        let pos: [UInt8] = [0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0x06, 0x45, 0xFF, 0xC0]
        #expect(HIDReportDescriptor.usagePages(in: pos) == [0x8C, 0xFF45])
        #expect(HIDReportDescriptor.isHIDPOS(pos))
    }

    @Test func keyboardDescriptorIsNotHIDPOS() {
        // Generic Desktop / Keyboard, then the Key Codes page (0x07) and LEDs (0x08); a long item in between.
        let keyboard: [UInt8] = [
            0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0xFE, 0x02, 0x10, 0xAA, 0xBB, 0x05, 0x07, 0x05, 0x08, 0xC0,
        ]
        #expect(HIDReportDescriptor.usagePages(in: keyboard) == [0x01, 0x07, 0x08])
        #expect(!HIDReportDescriptor.isHIDPOS(keyboard))
    }

    @Test func truncatedDescriptorEndsTheWalk() {
        #expect(HIDReportDescriptor.usagePages(in: [0x05, 0x8C, 0x06, 0x8C]) == [0x8C])
        #expect(HIDReportDescriptor.usagePages(in: [0xFE]) == [])
    }
}
