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

    /// The reviewer's capture: one `]d2` report saying "more follows", 5 s of nothing, then a one-report `]C0`
    /// scan. It used to come out as one complete scan `]d20104150123456782ABC-123` with no partial_scan alarm.
    static func heldReport() -> [UInt8] {
        var report = HIDPOSReportAssembler.reports(for: Array("0104150123456782".utf8), symbology: "]d2")[0]
        report[63] = 1
        return report
    }

    @Test func aLateReportIsNotGluedToHeldReportsWhoseLastNeverCame() {
        var assembler = HIDPOSReportAssembler()
        let second = HIDPOSReportAssembler.reports(for: Array("ABC-123".utf8), symbology: "]C0")[0]
        #expect(assembler.decode(report: Self.heldReport()[...], atNanoseconds: 0) == nil)
        let held = assembler.decode(report: second[...], atNanoseconds: 5_000_000_000)
        #expect(held?.text == "0104150123456782")
        #expect(held?.symbology == "]d2")
        #expect(held?.end == .interrupted)
        #expect(held?.isComplete == false)
        let next = assembler.nextFrame()
        #expect(next?.text == "ABC-123" && next?.symbology == "]C0" && next?.isComplete == true)
        #expect(assembler.nextFrame() == nil)
    }

    @Test func heldReportsEndAsInterruptedAfterTheInterReportTimeout() {
        var assembler = HIDPOSReportAssembler(interReportTimeout: .milliseconds(150))
        #expect(assembler.decode(report: Self.heldReport()[...], atNanoseconds: 1_000_000_000) == nil)
        #expect(assembler.idleDeadline == 1_150_000_000)
        #expect(assembler.flushIfIdle(atNanoseconds: 1_149_000_000) == nil)
        let held = assembler.flushIfIdle(atNanoseconds: 1_150_000_000)
        #expect(held?.text == "0104150123456782")
        #expect(held?.end == .interrupted)
        #expect(held?.damage?.contains("150 ms") == true)
        #expect(assembler.idleDeadline == nil && !assembler.hasPartialScan)
    }

    @Test func aReportWithAnotherAimIDStartsANewScanAndTheHeldOneIsDamaged() {
        var assembler = HIDPOSReportAssembler()
        let other = HIDPOSReportAssembler.reports(for: Self.long, symbology: "]C1")
        #expect(assembler.decode(report: Self.heldReport()[...], atNanoseconds: 0) == nil)
        let held = assembler.decode(report: other[0][...], atNanoseconds: 5_000_000)
        #expect(held?.text == "0104150123456782" && held?.symbology == "]d2" && held?.isComplete == false)
        #expect(held?.damage?.contains("]C1") == true)
        #expect(assembler.nextFrame() == nil)
        // The new scan goes on with its own reports.
        let frame = assembler.decode(report: other[1][...], atNanoseconds: 10_000_000)
        #expect(frame?.bytes == Self.long && frame?.symbology == "]C1" && frame?.isComplete == true)
    }

    @Test func reportsOfOneScanWithinTheTimeoutStillAssemble() {
        var assembler = HIDPOSReportAssembler()
        let reports = HIDPOSReportAssembler.reports(for: Self.long, symbology: "]d2")
        #expect(assembler.decode(report: reports[0][...], atNanoseconds: 0) == nil)
        let frame = assembler.decode(report: reports[1][...], atNanoseconds: 140_000_000)
        #expect(frame?.bytes == Self.long && frame?.isComplete == true)
    }

    @Test func theDecoderFlushesHeldHIDPOSReportsAndHandsOutBothFrames() {
        var decoder = ScannerDecoder(
            settings: ScannerSettings(id: "p", kind: .hidpos, path: "/dev/hidraw0", station: "d"))
        #expect(decoder.decode(read: Self.heldReport()[...], atNanoseconds: 0).isEmpty)
        let deadline = decoder.idleDeadline
        #expect(deadline == HIDPOSReportAssembler.defaultInterReportTimeout.nanosecondsValue)
        let frame = decoder.flushIfIdle(atNanoseconds: deadline ?? 0)
        #expect(frame?.end == .interrupted)
        // Two frames out of one read: the held part first, then the scan that ended it.
        _ = decoder.decode(read: Self.heldReport()[...], atNanoseconds: 1_000_000_000)
        let second = HIDPOSReportAssembler.reports(for: Array("ABC-123".utf8), symbology: "]C0")[0]
        let frames = decoder.decode(read: second[...], atNanoseconds: 6_000_000_000)
        #expect(frames.map(\.text) == ["0104150123456782", "ABC-123"])
        #expect(frames.map(\.isComplete) == [false, true])
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
