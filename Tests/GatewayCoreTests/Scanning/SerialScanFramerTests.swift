import Testing

@testable import GatewayCore

@Suite("Serial scan framer")
struct SerialScanFramerTests {
    func run(_ framer: inout SerialScanFramer, _ bytes: [UInt8], chunk: Int) -> [String] {
        var texts: [String] = []
        var offset = 0
        while offset < bytes.count {
            var slice = bytes[offset..<min(offset + chunk, bytes.count)]
            offset += slice.count
            while let frame = framer.decode(buffer: &slice, atNanoseconds: UInt64(offset)) { texts.append(frame.text) }
        }
        return texts
    }

    static let stream = Array("0104150123456782\u{1D}10A\r\nSECOND\r\n\r\nTHIRD\r".utf8)

    @Test(arguments: [1, 2, 3, 7, 16, 64, 1000])
    func crlfAcrossChunkSizes(chunk: Int) {
        var framer = SerialScanFramer(terminator: .crlf)
        #expect(run(&framer, Self.stream, chunk: chunk) == ["0104150123456782\u{1D}10A", "SECOND", "THIRD"])
        #expect(!framer.hasPartialScan)
    }

    @Test(arguments: [1, 5, 1000])
    func crTerminatorAlsoAcceptsCrlf(chunk: Int) {
        var framer = SerialScanFramer(terminator: .cr)
        #expect(run(&framer, Array("A\rB\r\nC\r".utf8), chunk: chunk) == ["A", "B", "C"])
    }

    @Test func lfAndTabTerminators() {
        var lf = SerialScanFramer(terminator: .lf)
        #expect(run(&lf, Array("A\r\nB\n".utf8), chunk: 1) == ["A", "B"])
        var tab = SerialScanFramer(terminator: .tab)
        #expect(run(&tab, Array("A\tB\rC\t".utf8), chunk: 2) == ["A", "B\rC"])
    }

    @Test func idleTimeoutWithoutTerminator() {
        var framer = SerialScanFramer(terminator: .none, idleTimeout: .milliseconds(30))
        var slice = Array("ABC".utf8)[...]
        #expect(framer.decode(buffer: &slice, atNanoseconds: 1_000_000) == nil)
        #expect(framer.idleDeadline == 31_000_000)
        #expect(framer.flushIfIdle(atNanoseconds: 30_999_999) == nil)
        let frame = framer.flushIfIdle(atNanoseconds: 31_000_000)
        #expect(frame?.text == "ABC")
        #expect(frame?.end == .idle)
    }

    @Test func garbageBytesAreKeptNotDropped() {
        var framer = SerialScanFramer(terminator: .cr)
        var slice: ArraySlice<UInt8> = [0xFF, 0x00, 0xFE, 0x41, 0x0D]
        let frame = framer.decode(buffer: &slice, atNanoseconds: 0)
        #expect(frame?.bytes == [0xFF, 0x00, 0xFE, 0x41])
        #expect(frame?.text.contains("\u{FFFD}") == true)
    }

    @Test func unplugMidScanAndOverflow() {
        var framer = SerialScanFramer(terminator: .cr, maximumLength: 4)
        var slice = Array("ABCDE".utf8)[...]
        #expect(framer.decode(buffer: &slice, atNanoseconds: 0)?.end == .overflow)
        #expect(framer.decode(buffer: &slice, atNanoseconds: 0) == nil)
        let partial = framer.interrupt(reason: "port closed")
        #expect(partial?.text == "E")
        #expect(partial?.damage == "port closed")
    }
}
